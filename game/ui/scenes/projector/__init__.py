"""Projector mode: a class-vote game on one projected screen (the session's mode "class_vote").

Text is the largest the window fits (App.projector). Screens, each in its module (game.ui.routes opens them by
name):
  VoteCardScene (vote_card) — the event card with lettered options (A, B, C…) and the class's vote: the teacher
                    selects an option by its letter (or ←/→), enters its count (digits, + / − or ↑/↓, Backspace),
                    may Lock (L) the tally and Reveal (R) the bars and percentages (hidden until then, so the class
                    is not swayed); Adopt (Enter) takes the majority — on a tie the teacher picks — or Pick (K)
                    adopts the selected option directly (hands counted). The adopted option is shown; Enter goes
                    on. The ballot goes into the decision log (`votes`) with the adopted option. Pause (P) blanks
                    the screen; Debrief (D) ends the game for the debrief, after a confirmation.
  PauseScene (pause) — a blank "paused" card; P, Esc or Enter resumes.
  ConfirmDebriefScene (pause) — "end the game now and go to the debrief?"
  ProjectorDebriefScene (debrief) — the debrief in six phases, one per page (keys 1–6, ←/→): what happened (the
                    class's choices as a timeline), how the class split on each vote, outcomes, the paper's
                    dynamics, what if (one voted turn replayed with the runner-up option), questions for
                    discussion. Its texts are in debrief_texts, the what-if phase in whatif_phase.
Students join (S on the vote card): `students` runs the class web server (game.classweb) for the game and keeps
the phones and the teacher's vote in step; `students_panel` shows the QR code, the short address, the session code
and who has voted by group in place of the card.
The letters named here are the English game's; every one is read from content/ui/keys.yaml (keys.vote_*), so the
Spanish game's follow its labels (Elegir E, Cerrar el conteo T, Mostrar M, Cierre R), and a letter that is also one
of the card's option letters takes Shift (VoteCardScene.vote_key).
`layout` holds what they share: the wrapping row of buttons and a wrapped text's height.
The vote state lives in game.ui.vote (pure, tested without pygame).
"""
