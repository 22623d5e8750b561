// Every screen has a URL fragment (#/…), so back/forward and shared links work. Fragments never
// reach a server, and none of them carries case data.

export function parseRoute(hash) {
  const h = hash || "";
  const legacy = h.match(/^#guide-([a-z0-9-]+)$/);
  if (legacy) return { view: "home", chapter: legacy[1] };
  const parts = h.replace(/^#\/?/, "").split("/").filter(Boolean);
  switch (parts[0]) {
    case "guide":
      return { view: "home", chapter: parts[1] || "" };
    case "case":
      return { view: "case", step: parts[1] || "" };
    case "dashboard":
      return { view: "dashboard" };
    case "letters":
      return { view: "letters", letter: parts[1] || "" };
    case "cases":
      return { view: "cases" };
    default:
      return { view: "home" };
  }
}

export function showView(name) {
  document.body.dataset.screen = name;
  for (const view of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-view]"))) {
    view.hidden = view.dataset.view !== name;
  }
  for (const link of document.querySelectorAll(".appnav a")) {
    const target = parseRoute(link.getAttribute("href")).view;
    if (target === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

export function focusHeading(node) {
  if (!node) return;
  if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "-1");
  node.focus({ preventScroll: true });
  node.scrollIntoView({ block: "start" });
}
