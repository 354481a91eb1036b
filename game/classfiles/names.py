"""One name for each role, wherever a class sees it: the title the level declares for it (content: a level's
`roles.<role>.title`, "Titular de Seguridad Pública" in Ciudad Frontera), so the game, the class screens, the
projector, the class report and the command line say the same. A role a level does not declare falls back to the
generic `role.<role>` string.

Pure Python: no pygame.
"""

from __future__ import annotations

__all__ = ["role_title"]


def role_title(content, level_id: str, role: str, lang: str) -> str:
    """The role's title in `level_id`, in `lang`; the generic name when the level has no such role."""
    level = content.levels.get(level_id)
    setup = level.roles.get(role) if level is not None else None
    if setup is not None:
        return setup.title.get(lang)
    generic = content.strings.get(f"role.{role}")
    return generic.get(lang) if generic is not None else role
