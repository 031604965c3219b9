"""What the browser tests share: the two widths every journey is walked at, signing in, two ways
of operating the page's controls (a pointer, or the keyboard alone), and the checks that a page
fits a phone's width and that Tab reaches each of its controls.

``Keys`` does everything from the keyboard, as someone who cannot use a pointer would: from
wherever the focus is, it presses Tab (or Shift+Tab) until the control is focused, then Enter on
a link, button or summary, Space on a checkbox or file input, arrow keys inside a radio group,
type-ahead (or arrow keys) on a select, and types into a text field. A control that Tab never
reaches fails the test, naming the control.
"""

from __future__ import annotations

import datetime as dt
import re

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture fails or skips with what to install
    expect = None

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}

# Tab presses allowed to reach one control (the longest page of a journey has well under this
# many tab stops, so a control never reached is not on the page's Tab order at all).
TAB_LIMIT = 400


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# Operating controls ---------------------------------------------------------------------------


class Mouse:
    """Operates controls with Playwright's pointer actions (a mouse, or a finger on a phone)."""

    name = "mouse"

    def __init__(self, page):
        self.page = page

    def click(self, target) -> None:
        target.click()

    def check(self, target) -> None:
        target.check()

    def fill(self, target, text: str) -> None:
        target.fill(text)

    def select(self, target, *, label: str | None = None, value: str | None = None) -> None:
        target.select_option(**({"label": label} if label is not None else {"value": value}))

    def attach(self, target, files) -> None:
        target.set_input_files(files)


class Keys:
    """Operates controls from the keyboard alone (see ``by_keyboard``), keeping a trail of each
    control and the Tab presses it took to reach (``summary()``)."""

    name = "keyboard"

    def __init__(self, page):
        self.page = page
        self.trail: list[tuple[str, str, str, int]] = []

    def _do(self, target, action: str, value=None) -> None:
        self.trail.append((action, *by_keyboard(target, action, value)))

    def click(self, target) -> None:
        self._do(target, "activate")

    def check(self, target) -> None:
        self._do(target, "check")

    def fill(self, target, text: str) -> None:
        self._do(target, "fill", text)

    def select(self, target, *, label: str | None = None, value: str | None = None) -> None:
        self._do(target, "select", {"label": label} if label is not None else {"value": value})

    def attach(self, target, files) -> None:
        self._do(target, "attach", files)

    def summary(self) -> str:
        lines = [
            f"  {presses:3d} × {key:9s} {action:8s} {name}"
            for action, name, key, presses in self.trail
        ]
        total = sum(presses for *_, presses in self.trail)
        return "\n".join([f"By keyboard: {len(self.trail)} actions, {total} Tab presses", *lines])


HANDS = {"mouse": Mouse, "keyboard": Keys}


def log_in(page, base: str, username: str, password: str, hands=None) -> None:
    """Sign in on the login page (by ``hands``, a pointer unless told) and wait for the link to
    one's own page."""
    from django.urls import reverse

    hands = hands or Mouse(page)
    page.goto(base + reverse("login"))
    hands.fill(page.get_by_label("Username"), username)
    hands.fill(page.get_by_label("Password"), password)
    hands.click(page.get_by_role("button", name=re.compile("log in", re.IGNORECASE)))
    expect(page.get_by_role("link", name=username)).to_be_visible()


def log_out(page, hands=None) -> None:
    hands = hands or Mouse(page)
    hands.click(page.get_by_role("button", name="Log out"))
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


# The keyboard alone ---------------------------------------------------------------------------

# The element a locator stands for, or the focusable element around it (text inside a summary or
# a link); with what kind of control it is and where the focus is relative to it.
RESOLVE = """el => {
  const focusable = el.closest(
    'a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex="-1"])');
  const target = focusable || el;
  const active = document.activeElement;
  const before = active && active !== document.body && active !== target
    && !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_PRECEDING);
  const after = active && active !== document.body && active !== target
    && !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
  return {
    tag: target.tagName.toLowerCase(),
    type: (target.getAttribute('type') || '').toLowerCase(),
    focusAfter: after && !before,
    focusNowhere: !active || active === document.body,
  };
}"""

CLOSEST = """el => el.closest(
  'a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex="-1"])') || el"""

# Whether the focus is on the target (for a radio button: on any radio of its group, which is
# where Tab stops; arrow keys then move within the group).
FOCUSED = """([el, group]) => {
  const active = document.activeElement;
  if (active === el) return true;
  return group && active && active.type === 'radio' && el.type === 'radio'
    && active.name === el.name && active.form === el.form;
}"""

DESCRIBE = """el => {
  if (!el || el === document.body) return 'nothing (the page itself)';
  const text = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent
      || el.textContent || el.value || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.name ? '[name=' + el.name + ']' : '') + (text ? ' “' + text + '”' : '');
}"""

TEXT_TYPES = {"", "text", "search", "email", "url", "tel", "password", "number"}
DATE_TYPES = {"date", "datetime-local", "time"}


def describe(page, handle) -> str:
    return page.evaluate(DESCRIBE, handle)


def keyboard_focus(target, *, limit: int = TAB_LIMIT) -> tuple:
    """Press Tab from the current focus until ``target`` (a locator) has it, or Shift+Tab when
    the focus is further down the page than the target; fail, naming the target, if ``limit``
    presses never reach it. Returns the page, the target's element handle, what kind of control
    it is, the key pressed and how many times."""
    page = target.page
    target.wait_for(state="visible")
    handle = target.evaluate_handle(CLOSEST).as_element()
    info = page.evaluate(RESOLVE, handle)
    group = info["type"] == "radio"
    presses = 0
    if info["focusNowhere"] and not page.evaluate(FOCUSED, [handle, group]):
        # Nothing has the focus (a new page, or the focused element was swapped out): one Tab
        # shows where the keyboard is, as it would show someone looking at the screen.
        page.keyboard.press("Tab")
        presses = 1
        info = page.evaluate(RESOLVE, handle)
    # A date or time field is entered by Tab at its first part (the month); by Shift+Tab, at its
    # last. Always go forward to one (Tab comes round again from the top of the page).
    backwards = info["focusAfter"] and info["type"] not in DATE_TYPES
    key = "Shift+Tab" if backwards else "Tab"
    while not page.evaluate(FOCUSED, [handle, group]):
        if presses >= limit:
            raise AssertionError(
                f"The keyboard never reaches {describe(page, handle)}: {limit} presses of "
                f"{key} from the focus went round the page without focusing it (focus ends on "
                f"{page.evaluate(DESCRIBE, page.evaluate_handle('document.activeElement'))})."
            )
        page.keyboard.press(key)
        presses += 1
    return page, handle, info, key, presses


def by_keyboard(
    target, action: str = "activate", value=None, *, limit: int = TAB_LIMIT
) -> tuple[str, str, int]:
    """Do ``action`` on ``target`` (a Playwright locator) by the keyboard alone, starting from
    wherever the focus is:

    - ``activate``: Enter on a link, button or summary (Space on a checkbox);
    - ``check``: Space on a checkbox (if unchecked); for a radio button, Tab into its group and
      arrow keys to it (which checks it), then Space if it is still unchecked;
    - ``fill``: select what the field holds (Ctrl+A) and type ``value``; a date or time field is
      typed in its parts (month, day, year, then Tab to hours, minutes, AM/PM: Chromium's order
      for the en-US locale the headless browser runs in, whatever the page's language);
    - ``select``: type the option's text (type-ahead), then arrow keys if that did not land on it;
      ``value`` is ``{"label": ...}`` or ``{"value": ...}``;
    - ``attach``: Space opens the file chooser, which is given ``value`` (Playwright's files).

    Returns the control (described), the key that reached it (Tab or Shift+Tab) and how many
    presses it took.
    """
    page, handle, info, key, presses = keyboard_focus(target, limit=limit)
    name = describe(page, handle)
    tag, kind = info["tag"], info["type"]
    if action == "activate":
        page.keyboard.press("Space" if kind in {"checkbox", "radio"} else "Enter")
    elif action == "check":
        if kind == "radio":
            size = page.evaluate(
                "el => [...(el.form || document).querySelectorAll('input[type=radio]')]"
                ".filter(r => r.name === el.name).length",
                handle,
            )
            for _ in range(size):
                if page.evaluate("el => document.activeElement === el", handle):
                    break
                page.keyboard.press("ArrowDown")
            else:
                raise AssertionError(f"The arrow keys never reach {name} in its radio group.")
        if not handle.evaluate("el => el.checked"):
            page.keyboard.press("Space")
        if not handle.evaluate("el => el.checked"):
            raise AssertionError(f"Space does not check {name}.")
    elif action == "fill":
        if kind in DATE_TYPES:
            type_date(page, handle, kind, value, name)
        elif tag == "textarea" or (tag == "input" and kind in TEXT_TYPES):
            page.keyboard.press("Control+a")
            if value:
                page.keyboard.type(value)
            else:
                page.keyboard.press("Delete")
            typed = handle.evaluate("el => el.value")
            if typed != value:
                raise AssertionError(f"Typing into {name} gave {typed!r}, not {value!r}.")
        else:
            raise AssertionError(f"{name} is not a field to type into.")
    elif action == "select":
        choose(page, handle, value, name)
    elif action == "attach":
        with page.expect_file_chooser() as chooser:
            page.keyboard.press("Space")
        chooser.value.set_files(value)
    else:
        raise ValueError(f"Unknown keyboard action {action!r}")
    return name, key, presses


def type_date(page, handle, kind: str, value: str, name: str) -> None:
    """Type an ISO date (``2026-06-15``), time (``14:30``) or both (``2026-06-15T14:30``) into a
    date, time or datetime-local field, part by part."""
    keys: list[str] = []
    date_part, _, time_part = value.partition("T") if kind != "time" else ("", "", value)
    if date_part:
        day = dt.date.fromisoformat(date_part)
        # The year takes up to six digits, so Tab moves on from it rather than typing on.
        keys += [f"{day.month:02d}", f"{day.day:02d}", f"{day.year:04d}"]
        if time_part:
            keys.append("Tab")
    if time_part:
        moment = dt.time.fromisoformat(time_part)
        keys += [f"{moment.hour % 12 or 12:02d}", f"{moment.minute:02d}"]
        keys.append("P" if moment.hour >= 12 else "A")
    for key in keys:
        if key == "Tab":
            page.keyboard.press("Tab")
        else:
            page.keyboard.type(key)
    typed = handle.evaluate("el => el.value")
    if typed != value:
        raise AssertionError(
            f"Typing {value!r} into {name} part by part gave {typed!r} (is the browser's date "
            "order still month, day, year?)."
        )


def choose(page, handle, wanted: dict, name: str) -> None:
    """Select an option of a focused select: type its text (type-ahead), then, if that landed
    elsewhere, ArrowDown or ArrowUp until it is selected."""
    index = page.evaluate(
        """([el, wanted]) => [...el.options].findIndex(o => 'label' in wanted && wanted.label !== null
             ? o.label.trim() === wanted.label : o.value === wanted.value)""",
        [handle, wanted],
    )
    if index < 0:
        raise AssertionError(f"{name} has no option {wanted}.")
    text = page.evaluate("([el, i]) => el.options[i].text.trim()", [handle, index])
    if text:
        page.keyboard.type(text)
    options = page.evaluate("el => el.options.length", handle)
    for _ in range(options):
        selected = page.evaluate("el => el.selectedIndex", handle)
        if selected == index:
            return
        page.keyboard.press("ArrowDown" if selected < index else "ArrowUp")
    raise AssertionError(f"Neither typing nor the arrow keys select {wanted} in {name}.")


# A page at a phone's width, and the Tab order ---------------------------------------------------

# What a keyboard user can reach: every visible link and control, not disabled, not in an inert
# part of the page. Radio buttons of one group count once (Tab enters the group, arrows move).
INTERACTIVE = (
    "a[href], area[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
    "select:not([disabled]), textarea:not([disabled]), summary, iframe, "
    "[tabindex]:not([tabindex='-1']), [contenteditable='true']"
)

RECORD_FOCUS = """() => {
  window.__tabbed = [];
  document.addEventListener('focusin', event => window.__tabbed.push(event.target), true);
  if (document.activeElement && document.activeElement !== document.body) {
    document.activeElement.blur();
  }
}"""

# After the Tabs: which visible controls were never focused, which of the page's landmarks (the
# main navigation, the language switcher...) had a control focused, and whether the first form
# control of the page was. A control hidden from assistive technology and taken out of the Tab
# order on purpose (aria-hidden and tabindex -1, as select2 does to the select it stands in for
# with a combobox of its own, which Tab does reach) is not counted.
UNREACHED = """([selector, landmarks]) => {
  const tabbed = new Set(window.__tabbed);
  const visible = el => el.checkVisibility({visibilityProperty: true})
      && !el.closest('[inert]') && el.getClientRects().length > 0
      && !(el.getAttribute('aria-hidden') === 'true' && el.getAttribute('tabindex') === '-1');
  const key = el => (el.type === 'radio' && el.name) ? 'radio:' + el.form?.id + ':' + el.name : el;
  const reachedKeys = new Set([...tabbed].map(key));
  const describe = el => {
    let text = (el.getAttribute('aria-label') || el.textContent || el.value || el.name || '')
        .trim().replace(/\\s+/g, ' ').slice(0, 60);
    let path = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string'
           ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    return path + (text ? ' “' + text + '”' : '');
  };
  const candidates = [...document.querySelectorAll(selector)].filter(visible);
  const unreached = candidates.filter(el => !reachedKeys.has(key(el))).map(describe);
  const main = document.querySelector('main');
  const firstControl = main && [...main.querySelectorAll(
      'input:not([type=hidden]):not([disabled]), select:not([disabled]), '
      + 'textarea:not([disabled]), button:not([disabled])')].find(visible);
  return {
    candidates: candidates.length,
    tabbed: tabbed.size,
    unreached,
    landmarks: Object.fromEntries(Object.entries(landmarks).map(
        ([name, landmark]) => [name, [...tabbed].some(el => el.closest(landmark))])),
    firstControl: firstControl ? describe(firstControl) : null,
    firstControlReached: firstControl ? reachedKeys.has(key(firstControl)) : null,
  };
}"""

# What Tab must reach on every page built on the site's base template; the back office (Django's
# admin, its own templates) has a header of its own instead (its navigation sidebar is hidden by
# Django below 767 px, and the index has none).
SITE_LANDMARKS = {"the main navigation": ".site-nav", "the language switcher": ".language-switcher"}
ADMIN_LANDMARKS = {"the back office's header": "#header"}

# Whether the page is wider than the window, and the elements that stick out past its right edge
# (those inside a box that scrolls or clips sideways do not widen the page, and are left out).
OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const clipped = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && el.checkVisibility())
    .filter(el => !el.closest('.visually-hidden') && !clipped(el))
    .slice(0, 8)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
         + (typeof el.className === 'string' && el.className
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
         + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ')');
  return {scrollWidth: root.scrollWidth, clientWidth: width, wide};
}"""


def check_overflow(tab, where: str) -> list[str]:
    """Whether the page scrolls sideways, and what sticks out."""
    overflow = tab.evaluate(OVERFLOW)
    if overflow["scrollWidth"] > overflow["clientWidth"]:
        return [
            f"{where}: scrolls sideways ({overflow['scrollWidth']} px wide in "
            f"{overflow['clientWidth']}); too wide: {', '.join(overflow['wide'])}"
        ]
    return []


def tab_through(tab, limit: int) -> None:
    """Press Tab from the top of the page until focus leaves the page or comes back round to
    the first element it reached (or ``limit`` presses)."""
    tab.evaluate(RECORD_FOCUS)
    for _ in range(limit):
        tab.keyboard.press("Tab")
        round_done = tab.evaluate(
            """() => {
              const active = document.activeElement;
              return !active || active === document.body
                || (window.__tabbed.length > 1 && active === window.__tabbed[0]);
            }"""
        )
        if round_done:
            break


def check_keyboard(tab, where: str, landmarks: dict[str, str] = SITE_LANDMARKS) -> list[str]:
    """Tab from the top of the page round to it again; what it never reached: a landmark (by
    default the main navigation and the language switcher), the page's first form control, or
    any other visible control."""
    limit = tab.evaluate("selector => document.querySelectorAll(selector).length", INTERACTIVE) + 10
    tab_through(tab, limit)
    found = tab.evaluate(UNREACHED, [INTERACTIVE, landmarks])
    print(
        f"  {where}: Tab went through {found['tabbed']} elements; {found['candidates']} visible controls"
    )
    problems = [
        f"{where}: Tab never reaches {name}"
        for name, reached in found["landmarks"].items()
        if not reached
    ]
    if found["firstControl"] and not found["firstControlReached"]:
        problems.append(
            f"{where}: Tab never reaches the first form control, {found['firstControl']}"
        )
    if found["unreached"]:
        problems.append(
            f"{where}: Tab reaches {found['tabbed']} of {found['candidates']} visible controls;"
            f" never: {'; '.join(found['unreached'][:10])}"
        )
    return problems
