"""Hand-written news snippets (our own words) for story and copy tests."""

from __future__ import annotations

from copydesk.models import Article


def art(aid: str, text: str, published: str | None = None, source: str = "Daily Ledger",
        title: str | None = None) -> Article:
    return Article(id=aid, source=source, text=text, published=published, title=title)


QUAKE_1 = ("A magnitude 6.1 earthquake struck near the coastal town of Valmira on Tuesday, "
           "collapsing a school and a fish market. Rescue teams pulled 14 survivors from the rubble, "
           "and the regional governor Ana Ferreira said at least 32 people were killed. "
           "Aftershocks rattled the harbour through the night.")
QUAKE_1B = ("Rescuers in Valmira searched collapsed buildings after Tuesday's magnitude 6.1 earthquake. "
            "Governor Ana Ferreira raised the death toll to 32 and said the fish market and a school "
            "were destroyed. Strong aftershocks kept families sleeping outside near the harbour.")
QUAKE_2 = ("A second earthquake, of magnitude 5.4, hit the mountain villages north of Valmira on "
           "Wednesday, cracking a dam and cutting the road to Porto Alto. Governor Ana Ferreira said "
           "two people were injured and engineers were inspecting the dam for leaks.")
STRIKE_1 = ("Missiles struck the eastern city of Dorvask early on Monday, hitting a power station and "
            "leaving 40,000 homes without electricity. Mayor Ilya Brenner said three workers died "
            "and urged residents to stay in shelters while air defence units intercepted drones.")
STRIKE_1B = ("Power has not returned to 40,000 homes in Dorvask after Monday's missile strike on the "
             "city's power station, Mayor Ilya Brenner said. Three plant workers were killed and air "
             "defence units shot down several drones over the city.")
STRIKE_2 = ("A drone attack set fire to a grain warehouse in Dorvask on Tuesday night. Mayor Ilya "
            "Brenner said firefighters contained the blaze by morning and nobody was hurt, though "
            "several tonnes of wheat were lost and a nearby rail depot was damaged.")
BUDGET = ("The city council of Lindenfeld approved a budget of 2.3 billion euros for 2025, with new "
          "money for tram lines and school repairs. Treasurer Marta Kovacs said property taxes would "
          "not rise, while opposition councillors called the spending plan unrealistic.")

WIRE = ("The central bank of Norland raised its main interest rate by half a percentage point to 4.75 "
        "percent on Thursday, its third increase this year, citing stubborn inflation in food and "
        "housing. Governor Pieter Halvorsen told reporters that further rises could not be ruled out "
        "if wages kept growing faster than productivity. The krone strengthened against the euro "
        "after the announcement, and mortgage lenders said they would pass the increase on to "
        "borrowers within weeks. Economists at two large banks had expected a smaller move.")
REWRITE_A = ("Norland's central bank lifted its key rate by half a point to 4.75 percent on Thursday. "
             "Governor Pieter Halvorsen told reporters that further rises could not be ruled out if wages "
             "kept growing faster than productivity. Shop owners in the capital said customers were "
             "already cutting back on spending, and a builders' association warned that new housing "
             "projects would be postponed. The krone strengthened against the euro after the "
             "announcement, and mortgage lenders said they would pass the increase on to their "
             "borrowers within a few weeks. Opposition leaders blamed the government for letting prices run.")



FIRE = ("Firefighters in Kestrel Bay battled a blaze at the Orvane chemical depot on Friday. "
        "Fire chief Tomas Ruud said two tanks of solvent exploded and eleven crews were on site.")
SMOKE = ("Schools in the harbour district stayed shut after thick smoke drifted over rooftops. "
         "Health officer Lena Myrk advised residents to keep windows closed and pets indoors.")

RATE_MAY = ("The central bank of Norland raised interest rates to 4.75 percent, and Governor Pieter "
            "Halvorsen warned that the krone and housing prices remained under pressure from inflation.")
RATE_OCT = ("Five months after its last increase, the central bank of Norland cut interest rates to 4.25 "
            "percent. Governor Pieter Halvorsen said inflation had eased and the krone had stabilised.")

#: One wire report retold by two outlets: four sentences each reworded lightly, the rest their own.
RETELL_A = ("Flooding in the Arden valley has forced about 3,000 people from their homes, regional officials said. "
            "Our correspondent spent the morning with volunteers filling sandbags in the village square. "
            "The river rose by nearly two metres overnight after three days of heavy rain across the uplands. "
            "Emergency crews evacuated a care home near Brill bridge before dawn on Sunday, the fire service said. "
            "Farmers told us their autumn crops were lost and that insurance would not cover all of it. "
            "The weather office expects more rain on Tuesday and has issued a red warning for the whole valley. "
            "Schools will stay shut until the water recedes.")
RETELL_B = ("Local businesses counted the cost on Monday as shops along the high street remained under water. "
            "Floods in the Arden valley have forced some 3,000 people out of their homes, regional officials said. "
            "The river rose by almost two metres overnight following three days of heavy rain across the uplands. "
            "A café owner said she had lost a year of savings in one night. "
            "Emergency teams evacuated a care home near Brill bridge before dawn on Sunday, the fire service said. "
            "The weather office expects further rain on Tuesday and has issued a red warning for the entire valley. "
            "A council meeting on flood defences is planned for next month.")
