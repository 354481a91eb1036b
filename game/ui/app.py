"""The window, the scene stack and the loop.

Only the display and fonts are started: Plaza makes no sound, so the audio system (and ALSA's complaints on a
machine without a sound card) is never touched.

`App.frame(events, dt)` is one frame: it hands the events to the top scene and its widgets, advances time by
`dt` seconds, and redraws only when something changed: an event came, a scene said so (`app.dirty`, or its
`update` returned True), or a widget's picture changed (pygame_gui swaps a widget's image when it is hovered,
a tooltip appears or a text cursor blinks; game.ui.redraw.WidgetLook notices). `App.run()` is the real loop:
it waits for input (blocking, so an idle game leaves the processor idle) and calls `frame`; for a moment after
input, and while the top scene's `update` keeps returning True (an animation), it ticks 30 times a second.
Tests call `frame` directly with posted events, so every scene can be driven frame by frame without a clock.

Keys that work everywhere: F1 the glossary of terms, F3 the event trace of the last turn, F5 reload content
(validated first, in a worker thread: the window keeps answering), F11 fullscreen, F12 screenshot, Ctrl+S save.
"""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

import pygame
import pygame_gui

from game import paths
from game.content.content_cache import load_checked
from game.content.loader import ContentSet
from game.runs import background
from game.session.storage import Storage
from game.ui import games, memory, reload, routes
from game.ui.redraw import INPUT_EVENTS, WidgetLook, looks_on_demand
from game.ui.reload import RELOADED, ContentCheck, formatted
from game.ui.scene import Scene
from game.ui.settings import MIN_WINDOW, Settings, SettingsProblem, fitting_scale, load_settings, save_settings
from game.ui.texts import Texts
from game.ui.theme import BOLD, REGULAR, palette, size, ui_manager

ACTIVE_SECONDS = 1.6  # keep ticking this long after the last input, so hover effects and tooltips appear
FRAME_MS = 33  # while a scene animates: about 30 ticks a second is plenty for a turn-based game
# After input with nothing animating, a tick only has to catch what pygame_gui does by the clock (a tooltip's
# delay); input itself wakes the loop at once. Each tick of the city
# screen's widgets costs about 1.5 ms, so ten a second keep the moment after a mouse move under 1% of a core.
HOVER_MS = 100
IDLE_MS = 1000  # idle: wake once a second anyway (a notice's end, a background job's progress)
FIRST_FRAME_ENV, FIRST_FRAME_MARK = "PLAZA_FIRST_FRAME_PROBE", "plaza: first frame drawn"
WAIT_STEP_MS = 25  # idle: look for input this often (the answer to a first click is at most this late)
TYPING_MS = 100  # a text box has the focus: wake often enough for its cursor to blink
SHADE, SHADE_ROWS = (20, 22, 26, 150), 64  # the dimming over the screen under a modal, and its band's height


class App:
    def __init__(
        self,
        content: ContentSet | None = None,
        *,
        size: tuple[int, int] | None = None,
        settings: Settings | None = None,
    ):
        memory.big_blocks_apart()  # before the content and the window allocate theirs
        self.messages: list[str] = []  # things the player should be told, shown as a notice
        self.projector = False  # a projected class-vote game: the largest text the window fits (see text_scale)
        problem: SettingsProblem | None = None
        if settings is None:
            settings, problem = load_settings(paths.settings_file())
        self.settings = settings
        self.content_problems: list[str] = []
        if content is None:
            result = load_checked()  # content checked at an earlier start is not loaded and checked again
            if result.errors:
                # The shipped content is broken: the game still opens and says what is wrong.
                self.content_problems = formatted(result.errors, settings.language)
            content = result.content
        self.content = content
        pygame.display.init()  # not pygame.init(): that would open the audio device too
        pygame.font.init()
        pygame.display.set_caption("Plaza")
        self.size = size or tuple(settings.window)
        self.screen = self._open_window(self.size)
        self.texts = Texts(content, settings.language)
        if problem is not None:
            self.messages.append(self.settings_problem(problem))
        self.palette = palette(settings.palette)
        self.ui: pygame_gui.UIManager = self._make_ui()
        self._fonts: dict[tuple[str, bool, int], pygame.font.Font] = {}
        self.stack: list[Scene] = []
        self.backdrop: pygame.Surface | None = None  # dimmed picture of the scene under a modal
        self.play = None  # a game.ui.play.Play once a game starts
        self.storage = Storage()  # saves, the decision log, the crash marker (game.session.storage)
        self.show_trace = False
        self.running = True
        self.dirty = True
        self.active_until = 0.0
        self.now = 0.0
        self.notice: tuple[str, float] | None = None
        self.notice_scene: Scene | None = None  # the screen the notice was said on: it goes when that screen goes
        self.reloading: ContentCheck | None = None  # F5's check under way in its worker thread
        self.frames_drawn = 0
        self.collect_next: str | None = None  # a screen was left: "tidy" or "release" at the next frame (_build_top)
        self.animating = False  # the top scene's update returned True last frame: keep ticking
        self.look = WidgetLook()
        self.storage.start()  # and finds whether the last run ended cleanly
        memory.freeze()  # what lives the whole session stays out of the collections at each screen change

    # --- window and theme ------------------------------------------------------------------------------

    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        flags = pygame.RESIZABLE
        if self.settings.fullscreen and os.environ.get("SDL_VIDEODRIVER") != "dummy":
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(size, flags)

    def _make_ui(self) -> pygame_gui.UIManager:
        self.theme_scale = self.text_scale
        return ui_manager(self.screen.get_size(), self.palette, self.text_scale, self.settings.language)

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
        if problem is not None:
            self.say(self.settings_problem(problem))

    def settings_problem(self, problem: SettingsProblem) -> str:
        return self.texts(f"settings.problem_{problem.kind}", file=problem.file, detail=problem.detail)

    def _retheme(self) -> None:
        for scene in self.stack:
            scene.clear()
        self.ui = self._make_ui()
        self.rebuild()

    def rebuild(self) -> None:
        """Build the top screen again with the texts of the content and language now (F5, a new theme)."""
        self.texts = Texts(self.content, self.settings.language)
        for scene in self.stack:
            scene.clear()
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
        if self.projector and scene.name not in routes.PROJECTED:  # leaving a projected game: the chosen text size
            self.projector = False
        if self.theme_scale != self.text_scale:
            self.ui = self._make_ui()
        if scene.name == "title":  # between games: what the last one freed goes back to the system, at the next
            self.collect_next = "release"  # frame: now the screen left is still held (by the button that left it)
        return self.push(scene)

    def _build_top(self) -> None:
        memory.tidy()  # the widgets just cleared away, with their pictures, before the new ones are made
        # The screen left is often still held here (by the button's callback that left it, or the caller's local):
        # once this frame's input is handled it is garbage, and only the next full collection would free it.
        self.collect_next = self.collect_next or "tidy"
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
        self.backdrop = None  # drawn: the picture under a modal below goes before the new one is made (3.7 MB)
        picture = self.screen.copy()
        # the shade blended a band at a time: the same pixels as one window-sized shade, without its 3.7 MB
        band = pygame.Surface((picture.get_width(), SHADE_ROWS), pygame.SRCALPHA)
        band.fill(SHADE)
        for y in range(0, picture.get_height(), SHADE_ROWS):
            picture.blit(band, (0, y))
        return picture

    # --- the game: game.ui.games starts, loads and saves it; game.session.storage keeps its files --------------

    def new_game(
        self, level_id: str, role: str, seed: int, *, turns: int | None = None, classroom=None, group: str | None = None
    ):
        """Start a game; `classroom` (a game.classroom ClassSession) and `group` make it a class game, logged into
        the class's folder (and projected with class votes when the session's mode is class_vote)."""
        return games.new_game(self, level_id, role, seed, turns=turns, classroom=classroom, group=group)

    def load(self, path: Path) -> str:
        """Load a save into `self.play`; returns a message for the player when it cannot ("" on success)."""
        return games.load(self, path)

    def save(self, path: Path | None = None) -> Path | None:
        """Save now (the completed turns); returns where, or None with a notice saying why not."""
        return games.save(self, path)

    @property
    def log(self):
        """The game's decision log (game.session.log.DecisionLog), written as turns finish."""
        return self.storage.log

    def close_log(self) -> None:
        self.storage.close_log()

    def class_fields(self) -> dict | None:
        """A class game's save carries its session, group and mode, so Continue after a crash resumes it as one."""
        if self.play is None or self.play.classroom is None:
            return None
        from game.classfiles.logs import class_header

        return class_header(self.play.classroom, self.play.group)

    # --- messages ---------------------------------------------------------------------------------------

    def say(self, text: str, seconds: float = 6.0) -> None:
        """A short notice at the bottom of the window, for as long as the screen it was said on is there (a screen
        opened over it keeps it; leaving that screen ends it)."""
        self.notice = (text, self.now + seconds)
        self.notice_scene = self.top
        self.dirty = True

    def _notice_screen_here(self) -> bool:
        return self.notice_scene is None or any(scene is self.notice_scene for scene in self.stack)

    # --- the loop --------------------------------------------------------------------------------------

    def frame(self, events: list[pygame.event.Event], dt: float) -> bool:
        """One frame: input, time, and a redraw if anything changed. Returns True when it drew."""
        self.now += dt
        for event in events:
            self._handle(event)
            if not self.running:
                return False
        if self.reloading is not None and self.reloading.done.is_set():
            reload.finish(self)  # F5's check (game.ui.reload) is done: its content swapped in, or its problems shown
        if events:
            self.dirty = True
            if any(event.type in INPUT_EVENTS for event in events):
                self.active_until = self.now + ACTIVE_SECONDS
        if self.collect_next is not None:  # a screen was left since the last frame: free what it held, now
            collect, self.collect_next = self.collect_next, None
            memory.release() if collect == "release" else memory.tidy()
        looks_on_demand(self.ui)
        self.ui.update(dt)
        scene = self.top
        self.animating = scene is not None and bool(scene.update(dt))
        if self.animating:
            self.dirty = True
        if self.notice and (self.now > self.notice[1] or not self._notice_screen_here()):
            self.notice = None
            self.notice_scene = None
            self.dirty = True
        if not self.dirty:
            changed = self.look.changed(self.ui)
            # a widget looks different (hover, tooltip, cursor); without a way to tell, draw while active
            self.dirty = changed if changed is not None else self.now < self.active_until
        if not self.dirty:
            return False
        self._draw(self.screen)
        pygame.display.flip()
        self.look.drawn(self.ui)
        self.dirty = False
        self.frames_drawn += 1
        return True

    def _wait(self, most_ms: int) -> list[pygame.event.Event]:
        """The events that come within `most_ms`, sleeping between looks: an idle game uses almost no processor.
        (SDL's own event wait checks every millisecond on some video drivers, the dummy one among them.)"""
        until = time.perf_counter() + most_ms / 1000
        events = pygame.event.get()
        while not events and time.perf_counter() < until:
            pygame.time.wait(WAIT_STEP_MS)
            events = pygame.event.get()
        return events

    def _typing(self) -> bool:
        """A text box has the keyboard: its cursor blinks."""
        return any(
            isinstance(e, (pygame_gui.elements.UITextEntryLine, pygame_gui.elements.UITextEntryBox))
            for e in self.ui.get_focus_set() or ()
        )

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
            reload.start(self)
            return True
        if event.key == pygame.K_F3:
            self.toggle_trace()
            return True
        if event.key == pygame.K_F11:
            self.apply_settings(Settings(**{**self.settings.__dict__, "fullscreen": not self.settings.fullscreen}))
            return True
        if event.key == pygame.K_F12:
            path = self.screenshot()
            self.say(self.texts("notice.screenshot", path=path.name))
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
            scene.paint_wrapped_rows(surface)  # under their see-through buttons
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
        """The game ended cleanly: the next start offers no recovery."""
        self.running = False
        self.storage.end()

    def run(self) -> int:
        """The real loop: wait for input, one frame per batch of events."""
        if not self.stack:
            self.replace("title")
        last = time.perf_counter()
        probe = os.environ.get(FIRST_FRAME_ENV)  # bench/speed.py times the launch: say when the title is up, end
        try:
            self.frame(pygame.event.get(), 0.0)  # the first picture before any waiting
            if probe:
                print(FIRST_FRAME_MARK, flush=True)
                self.quit()
            while self.running:
                now = time.perf_counter()
                if now - last < 0:
                    last = now
                if self.animating:
                    events = pygame.event.get()
                    if not events:
                        pygame.time.wait(FRAME_MS)
                        events = pygame.event.get()
                elif self.now < self.active_until:
                    events = self._wait(HOVER_MS)
                else:
                    events = self._wait(TYPING_MS if self._typing() else IDLE_MS)
                now = time.perf_counter()
                self.frame(events, now - last)
                last = now
        except Exception:  # the marker stays: the next start offers the autosave
            crash = self.storage.crash_report(traceback.format_exc())
            print(
                f"plaza: the game stopped because of an internal error; details in {crash}. "
                "Your last turn was autosaved: choose Continue on the next start."
            )
            return 70
        finally:
            background.stop_all()  # a comparison still playing would hold the process open after the window closes
            pygame.quit()
        return 0
