"""The names of the quality measures and the units that have words, for every screen,
document and message (Spanish: the msgids; English in the .po). The domain keeps the keys,
scales and limits (domain/measures.py)."""

from coop_desktop.core.i18n import N_

NAMES: dict[str, str] = {
    "fat": N_("Grasa"),
    "protein": N_("Proteína"),
    "st": N_("Sólidos totales"),
    "snf": N_("Sólidos no grasos"),
    "density": N_("Densidad"),
    "acidity": N_("Acidez"),
    "ufc": N_("Recuento bacteriano"),
    "scc": N_("Células somáticas"),
    "tram": N_("TRAM (reductasa)"),
    "temperature": N_("Temperatura"),
    "added_water": N_("Agua añadida"),
    "alcohol": N_("Prueba de alcohol"),
    "antibiotics": N_("Antibióticos"),
}
# units written with words; the others ("%", "°C", "g/mL", "h") read the same everywhere
UNITS: dict[str, str] = {
    "acidity": N_("g ác. láctico/100 g"),
    "ufc": N_("UFC/mL"),
    "scc": N_("cél./mL"),
}
# short names, where a line holds several measures ("ST 12.13 % · UFC 118,280")
SHORT: dict[str, str] = {
    "fat": N_("Grasa"),
    "protein": N_("Prot."),
    "st": N_("ST"),
    "snf": N_("SNF"),
    "density": N_("Dens."),
    "acidity": N_("Acidez"),
    "ufc": N_("UFC"),
    "scc": N_("CCS"),
    "tram": N_("TRAM"),
    "temperature": N_("Temp."),
    "added_water": N_("Agua"),
}
