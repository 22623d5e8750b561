// The letter workspace: pick a channel, see the letter as the case changes, copy/download/print.
// The text comes from weiquan.api "draft"; it is shown with textContent, never as markup.

import { copyText, download, el } from "./dom.js";
import { errorText } from "./protocol.js";
import { timelineFigure } from "./timeline.js";

const WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// The letter as printed: the same blocks the Word file is made of (title, headings, paragraphs,
// signature, real tables), laid out on A4 by the print stylesheet. Text only, never markup.
function printBlocks(blocks) {
  return blocks.map((b) => {
    if (b.type !== "table") {
      return el("p", { className: `print-${b.type}${b.space_before ? " print-gap" : ""}` }, b.text);
    }
    const cells = (tag, texts) => texts.map((t) => el(tag, {}, t));
    const head = b.header.some(Boolean) ? el("thead", {}, el("tr", {}, ...cells("th", b.header))) : null;
    const rows = b.rows.map((r) =>
      "group" in r
        ? el("tr", { className: "print-group" }, el("th", { colSpan: b.header.length }, r.group))
        : el("tr", {}, ...cells("td", r.cells)),
    );
    const total = b.widths.reduce((a, w) => a + w, 0);
    const cols = el("colgroup", {}, ...b.widths.map((w) => {
      const col = el("col");
      col.style.width = `${(100 * w) / total}%`; // CSSOM, which the CSP allows (a style="" would not be)
      return col;
    }));
    return el("table", { className: "print-table" }, cols, head, el("tbody", {}, ...rows));
  });
}

export class LetterWorkspace {
  constructor(draft, explain, timeline, word) {
    this.draft = draft; // (kind) => Promise<result | undefined>
    this.word = word; // (kind) => Promise<{docx_name, file}>: the same letter as a .docx
    this.timeline = timeline; // () => Promise<{svg, lines} | undefined>
    this.explain = explain; // (fields) => [{message, step}] with readable labels
    this.kind = "";
    this.result = null;
    this.preview = document.getElementById("letter-preview");
    this.status = document.getElementById("letter-copied");
    document.getElementById("letter-copy").addEventListener("click", () => this.copy(this.result?.text, "全文"));
    document.getElementById("letter-download").addEventListener("click", () => {
      if (this.result) download(`${this.label()}.txt`, this.result.text.replace(/\n/g, "\r\n"));
    });
    const wordButton = document.getElementById("letter-docx");
    wordButton.addEventListener("click", () => this.downloadWord(wordButton));
    document.getElementById("letter-print").addEventListener("click", () => {
      document.body.classList.add("print-letter");
      window.print();
    });
    window.addEventListener("afterprint", () => document.body.classList.remove("print-letter"));
  }

  label() {
    const chip = document.querySelector(`[data-letter="${this.kind}"]`);
    return chip ? chip.textContent.trim() : this.kind;
  }

  async show(kind) {
    const chips = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-letter]"))];
    this.kind = kind || this.kind || chips[0].dataset.letter;
    for (const chip of chips) {
      if (chip.dataset.letter === this.kind) chip.setAttribute("aria-current", "true");
      else chip.removeAttribute("aria-current");
    }
    await this.refresh();
  }

  // While a letter is being made the box says so; another kind's text is not left standing
  // under this kind's name.
  pending(on) {
    const note = document.getElementById("letter-pending");
    note.hidden = !on;
    if (on) {
      note.textContent = `正在生成「${this.label()}」……`;
      this.preview.setAttribute("aria-busy", "true");
      if (this.preview.dataset.letter !== this.kind) {
        this.preview.textContent = "";
        delete this.preview.dataset.letter;
        document.getElementById("letter-sections").replaceChildren();
      }
    } else {
      this.preview.removeAttribute("aria-busy");
    }
  }

  async refresh() {
    if (!this.kind) return;
    let result;
    this.pending(true);
    try {
      result = await this.draft(this.kind);
    } catch (error) {
      this.pending(false);
      this.result = null;
      document.getElementById("letter-caution").replaceChildren();
      this.preview.textContent = "";
      this.preview.dataset.letter = this.kind;
      const missing = document.getElementById("letter-missing");
      const fields = (error && error.fields) || [];
      missing.replaceChildren(
        el("li", {}, fields.length ? "先把下面这些信息补全或改正，文书才能生成：" : errorText(error)),
        ...this.explain(fields).map((e) => el("li", {}, el("a", { href: `#/case/${e.step}` }, e.message))),
      );
      return;
    }
    if (result === undefined) return; // superseded by a newer keystroke (still pending)
    this.pending(false);
    this.result = result;
    this.render(result);
    this.showTimeline(result);
  }

  // A letter that goes with the timeline (the lawyer brief) shows it under the text, and prints it.
  async showTimeline(result) {
    const box = document.getElementById("letter-timeline");
    if (!result.timeline) {
      box.replaceChildren();
      return;
    }
    let picture;
    try {
      picture = await this.timeline();
    } catch {
      return; // the letter itself says what is missing
    }
    if (picture === undefined || this.result !== result) return;
    box.replaceChildren(el("h2", { className: "timeline__head" }, "案件时间线"), timelineFigure(picture, "letter"));
  }

  render(result) {
    // A letter to someone suspected of fraud: the caution is read before the letter, and is
    // not part of what gets copied or sent.
    const caution = result.caution;
    document.getElementById("letter-caution").replaceChildren(
      ...(caution
        ? [el("section", { className: "card urgent urgent--letter", "data-caution": result.kind },
            el("h2", { className: "urgent__title" }, caution.title),
            el("ul", { className: "urgent__lines" }, ...caution.lines.map((line) => el("li", {}, line))))]
        : []),
    );
    this.preview.textContent = result.text;
    document.getElementById("letter-paper").replaceChildren(...printBlocks(result.blocks || []));
    this.preview.dataset.rev = String(Number(this.preview.dataset.rev || 0) + 1);
    this.preview.dataset.letter = this.kind;
    const missing = document.getElementById("letter-missing");
    const isTone = (w) => w.place === "wording";
    missing.replaceChildren(
      ...(result.warnings || [])
        .filter((w) => !isTone(w))
        .map((w) => el("li", { "data-code": w.code }, w.message)),
    );
    const tone = document.getElementById("letter-tone");
    tone.replaceChildren(
      ...(result.warnings || [])
        .filter(isTone)
        .map((w) => el("li", { "data-code": w.code }, w.suggestion ? `${w.message} ${w.suggestion}` : w.message)),
    );
    const sections = document.getElementById("letter-sections");
    const parts = (result.sections || []).length > 1 ? result.sections : [];
    sections.replaceChildren(
      ...parts.map((s) =>
        el("div", { className: "letter-section", "data-section": s.id },
          el("p", { className: "letter-section__head" },
            el("span", {}, `${s.title}（${s.chars} 字）`),
            el("button", { type: "button", className: "button button--quiet", onclick: () => this.copy(s.text, s.title) }, `复制${s.title}`)),
        ),
      ),
    );
  }

  // The Word file is written by the same Python as the text (weiquan.docx), on this device.
  async downloadWord(button) {
    if (!this.kind) return;
    button.disabled = true;
    this.status.textContent = "正在生成 Word 文件……";
    try {
      const made = await this.word(this.kind);
      download(made.docx_name, new Blob([made.file], { type: WORD_TYPE }));
      this.status.textContent = `已下载 ${made.docx_name}（A4，可用 Word 或 WPS 打开修改）。`;
    } catch (error) {
      this.status.textContent = errorText(error);
    } finally {
      button.disabled = false;
    }
  }

  async copy(text, what) {
    if (!text) return;
    const ok = await copyText(text);
    this.status.textContent = ok ? `已复制${what}。` : "复制失败，请长按文书手动选择复制。";
  }
}
