// The case as a picture: Python's "timeline" SVG (user text already XML-escaped there) plus its
// text equivalent. The SVG is parsed as data and imported node by node, never assigned as
// markup: nothing in it can run, and anything that could (scripts, foreign HTML, handlers,
// outside links) is dropped before it reaches the page.

import { el } from "./dom.js";

const UNSAFE = "script, foreignObject, iframe, embed, object, use, image, a, animate, set";

function cleaned(svgText, prefix) {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.localName !== "svg" || doc.querySelector("parsererror")) return null;
  for (const bad of svg.querySelectorAll(UNSAFE)) bad.remove();
  for (const node of [svg, ...svg.querySelectorAll("*")]) {
    for (const attr of [...node.attributes]) {
      if (/^on/i.test(attr.name) || /href$/i.test(attr.name)) node.removeAttribute(attr.name);
    }
    // The picture may be on two screens at once: ids stay unique per place.
    if (node.id) node.id = `${prefix}-${node.id}`;
  }
  const labelled = svg.getAttribute("aria-labelledby");
  if (labelled) svg.setAttribute("aria-labelledby", labelled.split(/\s+/).map((id) => `${prefix}-${id}`).join(" "));
  return document.importNode(svg, true);
}

// On paper the text list is part of the picture: open it for printing, close it again after.
window.addEventListener("beforeprint", () => {
  for (const d of /** @type {NodeListOf<HTMLDetailsElement>} */ (document.querySelectorAll(".timeline__text:not([open])"))) {
    d.open = true;
    d.dataset.printOpened = "";
  }
});
window.addEventListener("afterprint", () => {
  for (const d of /** @type {NodeListOf<HTMLDetailsElement>} */ (document.querySelectorAll(".timeline__text[data-print-opened]"))) {
    d.open = false;
    delete d.dataset.printOpened;
  }
});

/**
 * The picture and its text list, ready to place.
 * @param {{svg: string, lines: string[]}} result  the reply of "timeline"
 * @param {string} prefix  unique per place on the page
 */
export function timelineFigure(result, prefix) {
  const picture = cleaned(result.svg, prefix);
  return el("figure", { className: "timeline", "data-timeline": prefix },
    picture ? el("div", { className: "timeline__picture" }, picture) : null,
    el("details", { className: "timeline__text" },
      el("summary", {}, "文字版时间线"),
      el("ol", {}, ...result.lines.slice(2).map((line) => el("li", {}, line)))),
    el("figcaption", { className: "hint" }, result.lines[1] || ""));
}
