"""Unit and currency lexicons for the quantity extractor (data only, no logic).

``UNITS`` maps a canonical unit name to (pint expression, normalized unit,
surface forms). Surfaces written in lower case match case-insensitively; any
surface with an upper-case letter (or a short symbol listed in
``CASE_SENSITIVE``) must match exactly, so "MB" is not "mb" and "m" is not "M".
"""

from __future__ import annotations

# canonical -> (pint expression or None, normalized unit, surfaces)
UNITS: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {
    # length
    "km": ("kilometer", "m", ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers")),
    "m": ("meter", "m", ("m", "metre", "metres", "meter", "meters")),
    "cm": ("centimeter", "m", ("cm", "centimetre", "centimetres", "centimeter", "centimeters")),
    "mm": ("millimeter", "m", ("mm", "millimetre", "millimetres", "millimeter", "millimeters")),
    "nm": ("nanometer", "m", ("nm", "nanometre", "nanometres", "nanometer", "nanometers")),
    "pm": ("picometer", "m", ("pm", "picometre", "picometres", "picometer", "picometers")),
    "am": ("attometer", "m", ("am", "attometre", "attometres", "attometer", "attometers")),
    "mile": ("mile", "m", ("mi", "mile", "miles")),
    "nautical mile": ("nautical_mile", "m", ("nautical mile", "nautical miles", "nmi")),
    "ft": ("foot", "m", ("ft", "foot", "feet")),
    "inch": ("inch", "m", ("in", "inch", "inches")),
    "yard": ("yard", "m", ("yd", "yds", "yard", "yards")),
    # area
    "km^2": ("kilometer**2", "m^2", ("km2", "km²", "km^2", "sq km", "square km", "square kilometre",
                                     "square kilometres", "square kilometer", "square kilometers", "km squared")),
    "m^2": ("meter**2", "m^2", ("m2", "m²", "m^2", "sq m", "square metre", "square metres",
                                "square meter", "square meters")),
    "mile^2": ("mile**2", "m^2", ("sq mi", "square mile", "square miles")),
    "hectare": ("hectare", "m^2", ("ha", "hectare", "hectares")),
    "acre": ("acre", "m^2", ("acre", "acres")),
    # volume
    "km^3": ("kilometer**3", "m^3", ("km3", "km³", "km^3", "cubic km", "cubic kilometre",
                                     "cubic kilometres", "cubic kilometer", "cubic kilometers", "km cubed")),
    "m^3": ("meter**3", "m^3", ("m3", "m³", "m^3", "cubic metre", "cubic metres", "cubic meter",
                                "cubic meters")),
    "L": ("liter", "L", ("L", "l", "litre", "litres", "liter", "liters")),
    "ml": ("milliliter", "L", ("ml", "mL", "millilitre", "millilitres", "milliliter", "milliliters")),
    "cl": ("centiliter", "L", ("cl", "centilitre", "centilitres", "centiliter", "centiliters")),
    "gallon": ("gallon", "L", ("gal", "gallon", "gallons")),
    "barrel": ("oil_barrel", "L", ("bbl", "barrel", "barrels")),
    "cup": ("cup", "L", ("cup", "cups")),
    "tablespoon": ("tablespoon", "L", ("tbsp", "tablespoon", "tablespoons")),
    "teaspoon": ("teaspoon", "L", ("tsp", "teaspoon", "teaspoons")),
    # mass
    "kg": ("kilogram", "kg", ("kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes")),
    "g": ("gram", "kg", ("g", "gram", "grams", "gramme", "grammes")),
    "mg": ("milligram", "kg", ("mg", "milligram", "milligrams")),
    "tonne": ("metric_ton", "kg", ("t", "tonne", "tonnes", "metric ton", "metric tons")),
    "ton": ("metric_ton", "kg", ("ton", "tons")),
    "lb": ("pound", "kg", ("lb", "lbs", "pound", "pounds")),
    "oz": ("ounce", "kg", ("oz", "ounce", "ounces")),
    # time
    "year": ("year", "s", ("yr", "yrs", "year", "years")),
    "month": ("month", "s", ("month", "months")),
    "week": ("week", "s", ("wk", "wks", "week", "weeks")),
    "day": ("day", "s", ("day", "days")),
    "hour": ("hour", "s", ("h", "hr", "hrs", "hour", "hours")),
    "minute": ("minute", "s", ("min", "mins", "minute", "minutes")),
    "second": ("second", "s", ("s", "sec", "secs", "seconds")),
    "millisecond": ("millisecond", "s", ("ms", "millisecond", "milliseconds")),
    "decade": ("10 * year", "s", ("decade", "decades")),
    "century": ("century", "s", ("century", "centuries")),
    "megayear": ("megayear", "s", ("Ma", "Myr", "megayear", "megayears", "megaannum")),
    "gigayear": ("gigayear", "s", ("Ga", "Gyr", "gigayear", "gigayears", "gigaannum")),
    # speed
    "km/h": ("kilometer/hour", "m/s", ("km/h", "kmh", "kph", "km/hr", "kilometres per hour",
                                       "kilometers per hour", "kilometres an hour", "kilometers an hour")),
    "mph": ("mile/hour", "m/s", ("mph", "miles per hour", "miles an hour")),
    "m/s": ("meter/second", "m/s", ("m/s", "metres per second", "meters per second")),
    "knot": ("knot", "m/s", ("kn", "kt", "knot", "knots")),
    # temperature (kept in degrees Celsius; Fahrenheit converted to it)
    "degC": ("degC", "degC", ("°C", "° C", "ºC", "degrees Celsius", "degree Celsius", "degrees C",
                              "degrees centigrade", "Celsius", "C")),
    "degF": ("degF", "degC", ("°F", "° F", "ºF", "degrees Fahrenheit", "degree Fahrenheit",
                              "degrees F", "Fahrenheit", "F")),
    "K": ("kelvin", "K", ("K", "kelvin", "kelvins")),
    # energy, power, frequency, data
    "W": ("watt", "W", ("W", "watt", "watts")),
    "kW": ("kilowatt", "W", ("kW", "kilowatt", "kilowatts")),
    "MW": ("megawatt", "W", ("MW", "megawatt", "megawatts")),
    "GW": ("gigawatt", "W", ("GW", "gigawatt", "gigawatts")),
    "Wh": ("watt_hour", "J", ("Wh", "watt-hour", "watt-hours", "watt hour", "watt hours")),
    "kWh": ("kilowatt_hour", "J", ("kWh", "kilowatt-hour", "kilowatt-hours", "kilowatt hours")),
    "MWh": ("megawatt_hour", "J", ("MWh", "megawatt-hour", "megawatt-hours", "megawatt hours")),
    "GWh": ("gigawatt_hour", "J", ("GWh", "gigawatt-hour", "gigawatt-hours", "gigawatt hours")),
    "J": ("joule", "J", ("J", "joule", "joules")),
    "eV": ("electron_volt", "J", ("eV", "electronvolt", "electronvolts")),
    "TeV": ("teraelectron_volt", "J", ("TeV",)),
    "GeV": ("gigaelectron_volt", "J", ("GeV",)),
    "MeV": ("megaelectron_volt", "J", ("MeV",)),
    "Hz": ("hertz", "Hz", ("Hz", "hertz")),
    "kHz": ("kilohertz", "Hz", ("kHz", "kilohertz")),
    "MHz": ("megahertz", "Hz", ("MHz", "megahertz")),
    "GHz": ("gigahertz", "Hz", ("GHz", "gigahertz")),
    "B": ("byte", "B", ("B", "byte", "bytes")),
    "kB": ("kilobyte", "B", ("kB", "KB", "kilobyte", "kilobytes")),
    "KiB": ("kibibyte", "B", ("KiB", "kibibyte", "kibibytes")),
    "MB": ("megabyte", "B", ("MB", "megabyte", "megabytes")),
    "GB": ("gigabyte", "B", ("GB", "gigabyte", "gigabytes")),
    "TB": ("terabyte", "B", ("TB", "terabyte", "terabytes")),
    "EB": ("exabyte", "B", ("EB", "exabyte", "exabytes")),
    "bit": ("bit", "bit", ("bit", "bits")),
    "mGy": ("milligray", "Gy", ("mGy", "milligray")),
    "Gy": ("gray", "Gy", ("Gy",)),
    # ratios
    "%": (None, "%", ("%", "per cent", "percent", "pc")),
    "pp": (None, "pp", ("percentage points", "percentage point", "pp")),
}

# Symbols matched exactly (never case-folded) even though they are lower case.
CASE_SENSITIVE = frozenset({
    "m", "g", "t", "l", "h", "s", "in", "am", "pm", "mi", "ha", "mg", "ms", "nm", "kn", "kt", "min",
    "ft", "yd", "oz", "lb", "cm", "mm", "km", "kg", "cl", "ml", "gal", "bit", "pc", "pp", "sec", "hr",
    "wk", "yr", "tsp", "bbl",
})

# Lower-case short units that must not be read after a bare number when the
# next word continues a sentence (English "in", "am", "s"...): only read them
# when followed by a non-letter that closes a quantity.
AMBIGUOUS_SHORT = frozenset({"in", "am", "pm", "t", "l", "h", "s", "C", "F", "B", "K", "J", "W",
                             "g", "kn", "kt", "pc", "ha", "min", "L", "gal"})

# Currencies: symbol prefixes, code prefixes/suffixes and word suffixes -> ISO code.
CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₴": "UAH", "₽": "RUB", "₹": "INR",
    "C$": "CAD", "A$": "AUD", "HK$": "HKD", "NZ$": "NZD", "R$": "BRL", "₩": "KRW", "₺": "TRY",
}
CURRENCY_CODES: tuple[str, ...] = (
    "USD", "GBP", "EUR", "JPY", "UAH", "RUB", "CNY", "INR", "CHF", "CAD", "AUD", "HKD", "BRL", "KRW",
    "TRY", "SEK", "NOK", "DKK", "PLN", "ILS", "ZAR", "MXN", "SGD", "NZD", "IRR", "SAR", "AED",
)
CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "US dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "hryvnias": "UAH", "hryvnia": "UAH",
    "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB", "yuan": "CNY",
    "rupees": "INR", "pence": "GBX", "penny": "GBX", "pennies": "GBX", "cents": "USc", "cent": "USc",
    "dimes": "USD_dime", "dime": "USD_dime",
}
# Amount of the base currency in one minor unit.
CURRENCY_MINOR: dict[str, tuple[str, float]] = {
    "GBX": ("GBP", 0.01), "USc": ("USD", 0.01), "USD_dime": ("USD", 0.1),
}

# Scale words after a number. After a currency amount, "m" is million.
SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "K": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "M": 1e6,
    "billion": 1e9, "bn": 1e9, "B": 1e9, "trillion": 1e12, "tn": 1e12, "T": 1e12,
}
CURRENCY_SCALES: dict[str, float] = {**SCALES, "m": 1e6, "b": 1e9, "t": 1e12}
