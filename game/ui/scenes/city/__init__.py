"""The city screen, where a quarter is planned: the district map, the indicators, the resources and the measures.

Layout: a top bar (city, quarter, role, resources; History, Save, Settings, Menu), the goals strip under it (the
role's measurable objectives, always in sight), the map on the left with its
layer switch and legend, and a panel on the right with tabs: Measures (the offered measures as rows and a detail
pane with everything about the highlighted one, and Adopt), Plan (what is planned, with remove, and what is
running), and End the quarter. When the window is wide enough for the text size, the indicators get a column of
their own between the map and the panel; otherwise they are a third tab.

The screen reads `app.play` and changes the game only through `plan`, `unplan` and `end_turn`. Its modules:
  scene            — CityScene: its state, the top bar, the layout of the body, painting and the commands;
  goals_panel      — the goals strip: each tracked objective's start, now and last quarter's trend, and the term;
  map_panel        — the illustrated map (game.ui.citymap draws it): the layer switch, the districts with their
                     values and marks, the legend, a district's story on hover or focus, colours easing;
  indicators_panel — the district's and the city's indicators, as a column or a tab;
  side_panel       — the tabs, the measures with their detail and Adopt, the plan, End the quarter;
  leave            — LeaveScene, the Menu's "leave the game?" dialog;
  fitting          — a shortcut key as a button writes it, and a text shortened to a width.
"""
