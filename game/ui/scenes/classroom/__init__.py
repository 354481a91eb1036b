"""Class sessions from the title screen (Class session, K): create one, join one with its code, collect its logs,
make its class report, export.

Pages of one scene:
  home     — what a class session is; Create a session (N), Join with a code (J); the sessions on this computer
             (each opens its page);
  create   — for the teacher: level, role, language and mode (each a button that cycles, keys 1–4), number of
             quarters, seed (empty: random) and the group labels (comma-separated, or a number of seats →
             S01…SNN); Create (F2 or Enter in a box) writes the session file into data_dir()/classroom/<id>/;
  session  — the code, very large (XXXX-XXXX-XXXX), what it stands for, how many logs its folder holds; Start the
             projected game (S) for a class-vote session, Collect logs (L), Class report (R: made in a thread,
             opened in the browser), Open folder (O), Export class results (X), Back; a line above the buttons says
             what the last of them came to;
  collect  — a folder typed or chosen (USB sticks and recent folders): Collect (C or Enter) copies the session's
             logs from it into the session's folder (game.classfiles.collect);
  join     — for a student or group: the code (case, dashes and O/I/L forgiven) and a group label (1–24
             characters) → the briefing of that scenario → a game whose log goes into the class's folder.
While a text box has the focus, typed keys go into it (Tab, Up/Down, Enter and Esc leave it). The letters are the
English game's: each is read from content/ui/keys.yaml (keys.class_*), so in Spanish they follow the Spanish labels
(Crear una sesión C, Entrar con un código E, Recoger bitácoras R, Informe de la clase I, Abrir carpeta A, …).

Its modules:
  scene   — ClassroomScene (the form's state, the pages' layout, the actions) and ClassBriefingScene;
  pages   — the five pages laid out, and the code painted large;
  entries — the text boxes, the focus moving in and out of them, and typed keys;
  checks  — the group labels, a student's group and a mistyped code checked, with the messages' keys;
  actions — collect, the class report, open the folder, export, each with its message in the window;
  places  — the USB sticks and recent folders the collect page offers.
"""
