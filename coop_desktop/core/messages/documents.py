"""The catalogue's documents texts (Spanish: the msgids; English in the .po)."""

from coop_desktop.core.i18n import N_

MESSAGES: dict[str, str] = {
    "receipt_without_ruc": N_(
        "La asociación no tiene RUC registrado: los recibos salen como CONSTANCIA DE PAGO, "
        "no como liquidación de compra. Regístrelo en Configuración → Asociación o con «coop "
        "association set --ruc NÚMERO»."
    ),
}
