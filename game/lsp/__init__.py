"""`plaza lsp`: a language server for Plaza content, so any editor checks, completes and explains as you type.

It sits at the top of the layers (beside the CLI): it reads `game.content` and `game.session`; nothing imports it.

- `server`     the pygls server: document sync, debounced checks off the event loop, the feature handlers
- `project`    which files make the workspace's content, and one check of them with the editor's unsaved text
- `text`       spans for the checker's positions, and the cursor's surroundings in a YAML file
- `names`      what a name at the cursor refers to (event, measure, state value, parameter, level, district)
- `completion`, `hover`, `definition`, `lens`   one feature each
"""
