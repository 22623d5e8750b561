// The notice under the header is for what must not be missed: storage full, storage blocked,
// data set aside, another tab's changes. A successful save clears a "full" warning.

let shownKind = "";

export function notice(text, kind = "info") {
  const box = document.getElementById("storage-notice");
  if (kind === "saved") {
    if (shownKind === "quota") box.hidden = true;
    return;
  }
  shownKind = kind;
  document.getElementById("storage-notice-text").textContent = text;
  /** @type {HTMLElement} */ (box.querySelector(".notice__actions")).hidden = !(kind === "quota" || kind === "blocked");
  box.hidden = false;
}

/** Hides the notice if it is still the one of this kind (a newer one stays). */
export function clearNotice(kind) {
  if (shownKind === kind) document.getElementById("storage-notice").hidden = true;
}
