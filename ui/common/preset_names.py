"""The preset price schemes by name, in the screen's language (Precios offers them; Ventas
prices a buyer with one)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.common.words import QT_TRANSLATE_NOOP

PRESET_NAMES = {  # the Peruvian preset first: it is where a Puno association starts
    "peru-additive": QT_TRANSLATE_NOOP("PricesView", "Aditivo peruano (ejemplo de Puno)"),
    "colombia-quality": QT_TRANSLATE_NOOP("PricesView", "Pago por calidad (Colombia)"),
    "india-two-rate": QT_TRANSLATE_NOOP("PricesView", "Dos tarifas: grasa y SNF (India)"),
    "india-fat-snf-chart": QT_TRANSLATE_NOOP("PricesView", "Tabla grasa × SNF (India)"),
    "ireland-abc": QT_TRANSLATE_NOOP("PricesView", "A + B − C (Irlanda)"),
    "us-component": QT_TRANSLATE_NOOP("PricesView", "Pago por componentes (EE. UU.)"),
}


def preset_title(name: str) -> str:
    shown = PRESET_NAMES.get(name)
    return QCoreApplication.translate("PricesView", shown) if shown else name
