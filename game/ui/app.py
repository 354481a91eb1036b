"""The window, the scene stack and the loop.

`App.frame(events, dt)` is one frame: it hands the events to the top scene and its widgets, advances time by
`dt` seconds, and redraws only when something changed. `App.run()` is the real loop: it waits for input
(blocking, so an idle game leaves the processor idle) and calls `frame`. Tests call `frame` directly with
posted events, so every scene can be driven frame by frame without a clock.

Keys that work everywhere: F1 the glossary of terms, F3 the event trace of the last turn, F5 reload content
(validated first, in a worker thread: the window keeps answering), F11 fullscreen, F12 screenshot, Ctrl+S save.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import traceback
import warnings
from pathlib import Path

import pygame
import pygame_gui

from game import paths
from game.content.loader import ContentSet, load_content
from game.ui import routes
from game.ui.reload import RELOADED, ContentCheck, formatted
from game.ui.scene import Scene
from game.ui.settings import MIN_WINDOW, Settings, fitting_scale, load_settings, save_settings
from game.ui.texts import Texts
from game.ui.theme import BOLD, REGULAR, build_theme, palette, preload_list, size

# Screens a projected class-vote game shows at the largest text size (the game's screens and its debrief).
PROJECTED = frozenset(
    {
        "city",
        "event_card",
        "vote_card",
        "report",
        "history",
        "trace",
        "debrief",
        "pause",
        "projector_debrief",
        "confirm_debrief",
        "message",
        "glossary",
    }
)
ACTIVE_SECONDS = 1.6  # keep drawing this long after the last input, so hover effects and tooltips appear
FRAME_MS = 33  # while active: about 30 frames a second is plenty for a turn-based game


class App:
    def __init__(
        self,
        content: ContentSet | None = None,
        *,
        size: tuple[int, int] | None = None,
        settings: Settings | None = None,
    ):
        self.messages: list[str] = []  # things the player should be told, shown as a notice
        self.projector = False  # a projected class-vote game: the largest text the window fits (see text_scale)
        if settings is None:
            settings, problem = load_settings(paths.settings_file())
            if problem:
                self.messages.append(problem)
        self.settings = settings
        self.content_problems: list[str] = []
        if content is None:
            result = load_content()
            if result.errors:
                # The shipped content is broken: the game still opens and says what is wrong.
                self.content_problems = formatted(result.errors)
            content = result.content
        self.content = content
        pygame.init()
        pygame.display.set_caption("Plaza")
        self.size = size or tuple(settings.window)
        self.screen = self._open_window(self.size)
        self.texts = Texts(content, settings.language)
        self.palette = palette(settings.palette)
        self.ui: pygame_gui.UIManager = self._make_ui()
        self._fonts: dict[tuple[str, bool, int], pygame.font.Font] = {}
        self.stack: list[Scene] = []
        self.backdrop: pygame.Surface | None = None  # dimmed picture of the scene under a modal
        self.play = None  # a game.ui.play.Play once a game starts
        self.log = None  # the game's decision log (game.session.log.DecisionLog), written as turns finish
        self.show_trace = False
        self.running = True
        self.dirty = True
        self.active_until = 0.0
        self.now = 0.0
        self.notice: tuple[str, float] | None = None
        self.reloading: ContentCheck | None = None  # F5's check under way in its worker thread
        self.frames_drawn = 0
        self.crashed_last_time = self._mark_running()

    # --- window and theme ------------------------------------------------------------------------------

    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        flags = pygame.RESIZABLE
        if self.settings.fullscreen and os.environ.get("SDL_VIDEODRIVER") != "dummy":
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(size, flags)

    def _make_ui(self) -> pygame_gui.UIManager:
        self.theme_scale = self.text_scale
        manager = pygame_gui.UIManager(
            self.screen.get_size(), build_theme(self.palette, self.text_scale), starting_language=self.settings.language
        )
        manager.add_font_paths("dejavu", str(REGULAR), str(BOLD), str(REGULAR), str(BOLD))
        with warnings.catch_warnings():  # the theme already loads most sizes; preload only adds bold variants
            warnings.simplefilter("ignore")
            manager.preload_fonts(preload_list(self.text_scale))
        return manager

    def font(self, kind: str = "body", bold: bool = False) -> pygame.font.Font:
        px = size(kind, self.text_scale)
        key = (kind, bold, px)
        if key not in self._fonts:
            self._fonts[key] = pygame.font.Font(str(BOLD if bold else REGULAR), px)
        return self._fonts[key]

    @property
    def em(self) -> int:
        """The body text size in pixels: the unit layouts are measured in."""
        return size("body", self.text_scale)

    @property
    def text_scale(self) -> int:
        """The text scale in use: the one chosen, or the largest this window has room for when that is smaller
        (every screen is laid out for 150% at 1280×720; a 1920×1080 window fits 200%). A projected class game
        always uses the largest that fits."""
        if self.projector:
            return fitting_scale(self.screen.get_size())
        return min(self.settings.text_scale, fitting_scale(self.screen.get_size()))

    def apply_settings(self, settings: Settings) -> None:
        """Change language, palette, text size or window mode now, and remember them."""
        reopen = settings.fullscreen != self.settings.fullscreen
        self.settings = settings
        if reopen:
            self.screen = self._open_window(tuple(settings.window))
        self.texts = Texts(self.content, settings.language)
        self.palette = palette(settings.palette)
        self._retheme()
        problem = save_settings(settings, paths.settings_file())
        if problem:
            self.say(problem)

    def _retheme(self) -> None:
        for scene in self.stack:
            scene.clear()
        self.ui = self._make_ui()
        if self.stack:
            self._build_top()

    def resize(self, size: tuple[int, int]) -> None:
        scale = self.text_scale
        self.screen = pygame.display.get_surface() or self.screen
        self.size = size
        if not self.settings.fullscreen and size[0] >= MIN_WINDOW[0] and size[1] >= MIN_WINDOW[1]:
            self.settings.window = tuple(size)
            save_settings(self.settings, paths.settings_file())
        if self.text_scale != scale:  # the window now fits a different text size: a new theme, built at this size
            self._retheme()
            return
        self.ui.set_window_resolution(size)
        if self.stack:
            self.stack[-1].clear()
            self._build_top()

    @property
    def too_small(self) -> bool:
        w, h = self.screen.get_size()
        return w < MIN_WINDOW[0] or h < MIN_WINDOW[1]

    # --- the scene stack -------------------------------------------------------------------------------

    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> Scene:
        if self.stack:
            below = self.stack[-1]
            if scene.modal:
                self.backdrop = self._dimmed_picture()
            below.clear()
        self.stack.append(scene)
        scene.enter()
        self._build_top()
        return scene

    def pop(self) -> None:
        scene = self.stack.pop()
        scene.clear()
        scene.leave()
        if self.stack:
            if self.stack[-1].modal and len(self.stack) > 1:
                self.backdrop = None  # a modal under a modal: rebuild the picture from the scene under both
                self.stack[-1].clear()
                below = self.stack.pop()
                self._build_top()
                self.backdrop = self._dimmed_picture()
                self.stack[-1].clear()
                self.stack.append(below)
            self._build_top()
        self.dirty = True

    def scene(self, name: str, *args, **kwargs) -> Scene:
        """A new scene of the screen called `name` (game.ui.routes), built with `args` after the app."""
        return routes.scene_class(name)(self, *args, **kwargs)

    def open(self, name: str, *args, **kwargs) -> Scene:
        """Show the screen called `name` over the current one (a dialog, the history, the glossary …)."""
        return self.push(self.scene(name, *args, **kwargs))

    def replace(self, scene: Scene | str, *args, **kwargs) -> Scene:
        """Leave every scene and show `scene` alone (title → setup → city …): a scene, or a screen's name and the
        arguments it is built with."""
        if isinstance(scene, str):
            scene = self.scene(scene, *args, **kwargs)
        while self.stack:
            old = self.stack.pop()
            old.clear()
            old.leave()
        self.backdrop = None
        if self.projector and scene.name not in PROJECTED:  # leaving a projected game: the chosen text size
            self.projector = False
        if self.theme_scale != self.text_scale:
            self.ui = self._make_ui()
        return self.push(scene)

    def _build_top(self) -> None:
        scene = self.stack[-1]
        self.texts = Texts(self.content, self.settings.language)
        scene.t = self.texts
        scene.rect = pygame.Rect((0, 0), self.screen.get_size())
        if not self.too_small:
            scene.build(scene.rect)
        self.dirty = True

    def _dimmed_picture(self) -> pygame.Surface:
        self.ui.update(0.0)  # widgets built this frame (the city under a first event card) draw only once updated
        self._draw(self.screen, focus=False)
        picture = self.screen.copy()
        shade = pygame.Surface(picture.get_size(), pygame.SRCALPHA)
        shade.fill((20, 22, 26, 150))
        picture.blit(shade, (0, 0))
        return picture

    # --- the game --------------------------------------------------------------------------------------

    # The session, model and saves modules (and numpy) load on first use: game.ui.routes imports a scene's module
    # only when one of its screens first opens, so the title shows without the city's and the debrief's imports.

    def new_game(
        self, level_id: str, role: str, seed: int, *, turns: int | None = None, classroom=None, group: str | None = None
    ):
        """Start a game; `classroom` (a game.classroom ClassSession) and `group` make it a class game, logged into
        the class's folder (and projected with class votes when the session's mode is class_vote)."""
        from game.session.session import GameSession
        from game.ui.play import Play

        session = GameSession(self.content, level_id, role, seed, turns=turns)
        self.play = Play(session, autosave=self.autosave)
        if classroom is not None:
            self.play.classroom, self.play.group, self.play.mode = classroom, group, classroom.mode
        self.projector = self.play.class_vote  # the next screen (the city) themes for it: see replace()
        self.start_log(self.play)
        return self.play

    def start_log(self, play) -> None:
        """Every game writes its decision log, turn by turn (game.ui.classgame says where)."""
        from game.ui import classgame

        self.close_log()
        try:
            self.log = classgame.open_log(play)
        except (OSError, ValueError) as exc:
            print(f"plaza: {exc}", file=sys.stderr)
            self.say(self.texts("classroom.log_failed", error=str(exc)))
            return
        play.logger = self._log_turn

    def _log_turn(self, record, votes: list[dict] | None) -> None:
        from game.ui import classgame

        if self.log is None:
            return
        try:
            classgame.write_turn(self.log, record, votes)
        except (OSError, ValueError) as exc:
            print(f"plaza: {exc}", file=sys.stderr)
            self.say(self.texts("classroom.log_failed", error=str(exc)))
            self.close_log()

    def close_log(self) -> None:
        if self.log is not None:
            with contextlib.suppress(OSError):
                self.log.close()
            self.log = None

    def autosave(self, session) -> None:
        from game.session.saves import SaveError, save_game

        try:
            save_game(session, paths.autosave_file(), self.class_fields())
        except SaveError as exc:
            self.say(self.save_problem(exc, paths.autosave_file()))

    def save(self, path: Path | None = None) -> Path | None:
        """Save the game (completed turns); returns where, or None with a notice saying why not."""
        from game.session.saves import SaveError, save_game

        if self.play is None:
            return None
        target = path or paths.saves_dir() / f"{self.play.session.level.id}-{self.play.session.role}.json"
        try:
            save_game(self.play.session, target, self.class_fields())
        except SaveError as exc:
            self.say(self.save_problem(exc, target))
            return None
        self.say(self.texts("notice.saved", path=str(target)))
        return target

    def load(self, path: Path) -> str:
        """Load a save into `self.play`; returns a message for the player when it cannot ("" on success)."""
        from game.session.saves import SaveError, load_game_and_header
        from game.session.session import SessionError
        from game.ui import classgame
        from game.ui.play import Play

        try:
            session, header = load_game_and_header(self.content, path)
        except (SaveError, SessionError) as exc:
            return self.save_problem(exc, path)
        self.play = Play(session, autosave=self.autosave)
        # a class game (after a crash, Continue): back into its class, its log and, if projected, its votes
        classroom = classgame.session_of_save(path, header)
        if classroom is not None:
            self.play.classroom, self.play.group, self.play.mode = classroom, header["group"], classroom.mode
        self.projector = self.play.class_vote
        self.start_log(self.play)
        return ""

    def class_fields(self) -> dict | None:
        """A class game's save carries its session, group and mode, so Continue after a crash resumes it as one."""
        if self.play is None or self.play.classroom is None:
            return None
        from game.classfiles.logs import class_header

        return class_header(self.play.classroom, self.play.group)

    def save_problem(self, exc: Exception, path: Path) -> str:
        """What went wrong with a save, in the player's language; the English detail goes to the error stream."""
        print(f"plaza: {exc}", file=sys.stderr)
        kind = getattr(exc, "kind", "level")  # a SessionError: the save names a level or role we do not have
        return self.texts(f"save_error.{kind}", file=Path(path).name)

    # --- messages ---------------------------------------------------------------------------------------

    def say(self, text: str, seconds: float = 6.0) -> None:
        """A short notice at the bottom of the window."""
        self.notice = (text, self.now + seconds)
        self.dirty = True

    # --- the loop --------------------------------------------------------------------------------------

    def frame(self, events: list[pygame.event.Event], dt: float) -> bool:
        """One frame: input, time, and a redraw if anything changed. Returns True when it drew."""
        self.now += dt
        for event in events:
            self._handle(event)
            if not self.running:
                return False
        if self.reloading is not None and self.reloading.done.is_set():
            self.reload_finished()
        if events:
            self.dirty = True
            self.active_until = self.now + ACTIVE_SECONDS
        self.ui.update(dt)
        scene = self.top
        if scene is not None and scene.update(dt):
            self.dirty = True
        if self.notice and self.now > self.notice[1]:
            self.notice = None
            self.dirty = True
        if self.now < self.active_until:
            self.dirty = True  # hover effects and tooltip delays need a few frames after input
        if not self.dirty:
            return False
        self._draw(self.screen)
        pygame.display.flip()
        self.dirty = False
        self.frames_drawn += 1
        return True

    def _handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == RELOADED:
            return  # it woke the loop; frame() takes the result
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            if self.screen.get_size() != self.size:
                self.resize(self.screen.get_size())
            return
        if self.too_small:
            return
        if self.ui.process_events(event):
            return
        scene = self.top
        if event.type == pygame_gui.UI_BUTTON_PRESSED and scene is not None:
            scene.press(event.ui_element)
            return
        if event.type == pygame.KEYDOWN:
            if self._global_key(event):
                return
            if scene is not None and scene.key(event):
                return
        if scene is not None:
            scene.handle(event)

    def _global_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F1:
            self.toggle_glossary()
            return True
        if event.key == pygame.K_F5:
            self.reload_content()
            return True
        if event.key == pygame.K_F3:
            self.toggle_trace()
            return True
        if event.key == pygame.K_F11:
            self.apply_settings(Settings(**{**self.settings.__dict__, "fullscreen": not self.settings.fullscreen}))
            return True
        if event.key == pygame.K_F12:
            path = self.screenshot()
            self.say(self.texts("notice.screenshot", path=str(path)))
            return True
        if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            self.save()
            return True
        return False

    def toggle_glossary(self) -> None:
        """F1: open the glossary over the current screen, or close it when it is on top."""
        self._toggle("glossary")

    def toggle_trace(self) -> None:
        self._toggle("trace")

    def _toggle(self, name: str) -> None:
        if self.top is not None and self.top.name == name:
            self.pop()
        else:
            self.open(name)

    def reload_content(self) -> None:
        """F5: load and check the content again in a worker thread, so the window keeps answering and shows
        "checking content…"; `reload_finished` then swaps it in on this thread, or lists its problems. Another
        F5 while a check is under way is ignored."""
        if self.reloading is not None:
            return
        self.reloading = ContentCheck(self.content.source_paths or None)
        self.reloading.start()
        self.dirty = True

    def reload_finished(self) -> None:
        """The worker's check is done: keep the old content if the new one has errors, and show them."""
        check, self.reloading = self.reloading, None
        self.dirty = True
        if check is None:
            return
        if check.failure is not None:
            raise check.failure  # a bug in the checker: the loop's crash report, as when F5 ran on this thread
        result = check.result
        if result.errors:
            self.open("diagnostics", check.shown)
            return
        self.content = result.content
        self.texts = Texts(self.content, self.settings.language)
        for scene in self.stack:
            scene.clear()
        self._build_top()
        self.say(self.texts("notice.reloaded", files=len(result.content.source_paths)))

    def _draw(self, surface: pygame.Surface, focus: bool = True) -> None:
        surface.fill(self.palette.background)
        if self.too_small:
            self._draw_too_small(surface)
            return
        scene = self.top
        if scene is not None:
            if scene.modal and self.backdrop is not None:
                surface.blit(self.backdrop, (0, 0))
            scene.text_areas.clear()
            scene.draw(surface)
        self.ui.draw_ui(surface)
        if scene is not None and focus:
            scene.draw_focus(surface)
        if self.reloading is not None:
            self._draw_notice(surface, self.texts("reload.checking"))
        elif self.notice:
            self._draw_notice(surface, self.notice[0])

    def _draw_notice(self, surface: pygame.Surface, text: str) -> None:
        font = self.font("body")
        w = surface.get_width()
        image = font.render(text, True, self.palette.panel, None, w - 80)
        box = image.get_rect(midbottom=(w // 2, surface.get_height() - 16)).inflate(24, 14)
        pygame.draw.rect(surface, self.palette.text, box, border_radius=6)
        surface.blit(image, image.get_rect(center=box.center))

    def _draw_too_small(self, surface: pygame.Surface) -> None:
        font = pygame.font.Font(str(REGULAR), 14)
        w, h = surface.get_size()
        text = self.texts("window.too_small", w=MIN_WINDOW[0], h=MIN_WINDOW[1])
        image = font.render(text, True, self.palette.text, None, max(60, w - 20))
        surface.blit(image, image.get_rect(center=(w // 2, h // 2)))

    def screenshot(self, name: str | None = None) -> Path:
        folder = paths.screenshots_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name or (self.top.name if self.top else 'screen')}-{int(time.time() * 1000)}.png"
        if name:
            path = folder / f"{name}.png"
        self._draw(self.screen)
        pygame.image.save(self.screen, str(path))
        return path

    def quit(self) -> None:
        self.running = False
        self.close_log()
        with contextlib.suppress(OSError):
            self._running_marker().unlink()

    # --- crash recovery ----------------------------------------------------------------------------------

    @staticmethod
    def _running_marker() -> Path:
        return paths.data_dir() / "running"

    def _mark_running(self) -> bool:
        """Leave a marker while the game runs; if one is already there, the last run did not end cleanly."""
        marker = self._running_marker()
        crashed = marker.exists() and paths.autosave_file().exists()
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(str(os.getpid()), encoding="utf-8")
        except OSError:
            pass
        return crashed

    def run(self) -> int:
        """The real loop: wait for input, one frame per batch of events."""
        if not self.stack:
            self.replace("title")
        last = time.perf_counter()
        try:
            while self.running:
                now = time.perf_counter()
                if now - last < 0:
                    last = now
                if self.now < self.active_until or (self.top is not None and self.top.update(0)):
                    events = pygame.event.get()
                    if not events:
                        pygame.time.wait(FRAME_MS)
                        events = pygame.event.get()
                else:
                    first = pygame.event.wait(1000)  # blocks: an idle game uses no processor time
                    events = ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()
                now = time.perf_counter()
                self.frame(events, now - last)
                last = now
        except Exception:
            crash = paths.data_dir() / "crash.txt"
            with contextlib.suppress(OSError):
                crash.parent.mkdir(parents=True, exist_ok=True)
                crash.write_text(traceback.format_exc(), encoding="utf-8")
            print(
                f"plaza: the game stopped because of an internal error; details in {crash}. "
                "Your last turn was autosaved: choose Continue on the next start."
            )
            return 70
        finally:
            pygame.quit()
        return 0
