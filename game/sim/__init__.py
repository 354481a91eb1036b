"""The city model: pure, deterministic, one module per mechanism of Payan (2015).

No pygame, no files, no globals: state in numpy arrays with a leading run axis, every random draw from the
`numpy.random.Generator` the model is given, every change recorded as named terms in a `Ledger`.
"""

# The version of the model's rules. A decision log records it; a log made under other rules cannot replay
# (its numbers came from different mechanisms), and replay says so by this number.
# 3: beliefs warm up in the starting city; 4: a self-defense group's own dynamics are kept;
# 5: a reporting campaign pushes only in the quarters it runs; 6: an event's cooldown runs city-wide (the event
# engine's rules are the game's rules too: a log of version 5 meets other cards); 7: police push organized crime back
# only through information (anchors-model D3), with no fixed policing term, and every level is settled anew;
# 8: criminals also buy a self-defense group's sitting members where the group cannot pay them (anchors-model D8),
# and every level is settled anew; 9: the watch threshold refitted (its search range had capped it) and every level
# settled anew; 10: private guards make a gated street hold better for those inside (`e_guard`; until 9 the dues
# paid for guards who protected no one), and every level settled anew; 11: households with nobody free in a quarter
# sit the watch out (`watch_busy`), the group recruits lookouts among watchers and a found one sets neighbours
# against each other (`k_lookout`, `lookout_found`), the watch threshold refitted, and every level settled anew;
# 12: bent official figures keep crime out of the news (`silencing`: the city-wide stories reach people in
# proportion to 1 - silencing x manipulation), `h_story` refitted, and every level settled anew; 13: taking part (the
# watch, petitions, marches) gives a feeling of control, so a participant's fear fades faster (`control`), `h_story`
# refitted, and every level settled anew; 14: street light reaches petty crime only through disorder (anchors-model
# D1, D5; `e_light` is gone), `petty_per_offender` fitted to victimisation, and every level settled anew; 15: the city's
# vetting reaches a deputized self-defense group only as far as the district's police can check its men
# (`oversight_load`, anchors-model D8); no group is deputized in a level's status quo, so no level moved; 16: the
# chance that a report leaks is each district's, as its informers are protected there: the city's program plus a
# protection office's caseworkers where one works (`district.protection`); no office works in a level's status quo;
# 17: a group the city deputizes is open to the criminals' offers beyond what it levies (`openness`, anchors-model
# D8's recruitment openness); settling plays no deputized group, so no level moved; 18: the households who start out
# watching are chosen the same way on every processor (ties among the lowest watch thresholds were broken by an
# unstable sort whose order numpy picks by processor: a game of one seed began differently with and without
# AVX-512), no rule changed and no level was settled anew; 19: each district's households are a stratified sample
# of its declared traits (the n quantiles of wealth, risk aversion, attribution and each threshold, dealt out in
# random order; the fearful and the mobilised exactly the level's shares), so a game's city no longer starts off by
# the luck of 200 draws (mean wealth 5-95% range ±6% under 18, ±0.2% now); no rule changed, no level settled anew;
# 20: each district has the households the level declares (until 19 every district simulated as many as the level's
# largest, so the city's figures weighed hot_valley's 90-household district as its 350 one), their ties stay inside
# them, and the families a level or an event says have left are gone (`district.displaced` was worked out afresh
# each quarter and forgot both); every level settled anew; 21: members an event or a measure adds to a
# self-defense group are recruits, infiltrated by the recruits' own rule, where until 20 they took the group's
# captured share (a group formed where none was started as captured as the one the district last had: 0.52 in
# border_city's centro); the rules alone never add members so, and no level was settled anew; 22: households belong to
# self-defense groups one by one (game/sim/militia_members.py): each draws each quarter whether it joins (out of
# grievance, through the ties of those who joined, or enrolled by the city), goes home, is found out by vetting or is
# bought; members turn over, and each intake brings the criminals' recruits (until 21 only a group's net growth was
# infiltrated, so a group that held its size kept its captured share); every level settled anew; 23: a recruit's
# chance to be the criminals' own reads their hold on the district when the game began (anchors-mechanisms §5's O0),
# where until 22 it read the current control, so a group that pushed the criminals back took cleaner recruits the
# more it won and an unvetted self-financed group came out less predatory than the status quo over 40 quarters;
# every level settled anew; 24: what a district's talk (gossip, the local press) tells each household of its
# retaliations reads the share of its households they struck, where until 23 it read their number, so the same
# city simulated with more households per district heard more of each and feared more (the template's status quo at
# 1,600 households a district ended with fear 0.89 and organized-crime reporting 0.008 against 0.72 and 0.044 at 50;
# with the talk switched off the sizes agreed); `news_reach` is 400 per unit of share, 2 a retaliation at 200
# households; every level settled anew; 25: a self-defense group's honest members fight as far as they are armed
# (district.militia_arms: newcomers bring a weapon with chance arms_own, arms_wear of the weapons are lost a quarter,
# and the money left once members are paid arms the unarmed, arms_buy), where until 24 every honest member fought;
# arms_wear = 0 with arms_own = 1 plays version 24's rules; every level settled anew; 26: a starting group's armed
# share counts the half-armed newcomers who replace its members, members an event or a measure adds fight their
# first quarter with the weapons they bring, a district with no honest members arms nobody (its group starts with
# its first members' weapons), and events and the organizer's group measure move the arms; every level settled anew;
# 27: households give up the street (district.retreat: stay in at night, keep the children in; ENVIPE's habit
# changes) when feeling insecure, plus believed reprisal, passes what they will risk (households.stays_in); nothing
# else reads it yet, so every other value of every game is what version 26 gives, bit for bit; no level settled anew;
# 28: no rule changed: the thirteen free parameters fitted again together under version 27's rules (they were fits of
# versions 7-14 and 27), every level settled anew; 29: a household that hears of a reprisal from someone it knows
# (first- or second-hand, along the network's ties) reconsiders at once whether it would report, where until 28 it
# did only at the quarter's chance (`revise`), so willingness moves along the ties the news travels; every level
# settled anew; 30: a reporting campaign persuades a household as far as it still believes the campaign's promise
# that a report leads somewhere (households.promise, 1 at the start): while a campaign runs in its district, each
# quarter it knows of a report, its own or its ties', the belief moves at `campaign_learning` toward the share of them
# that reached honest investigators (reporting.learn_what_reports_achieve); with no campaign every game is version
# 29's, bit for bit, and `campaign_learning` = 0 plays version 29's rules; no level settled anew.
MODEL_VERSION = 30
