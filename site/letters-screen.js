// 起草文书 (#/letters/<kind>): the letter workspace, with its own "newest answer wins" scopes
// for the draft and its timeline.

import { LetterWorkspace } from "./letters.js";
import { newestWins } from "./py-client.js";
import { focusHeading } from "./router.js";

export class LettersScreen {
  /** @param {import("./session.js").Session} session */
  constructor(session) {
    const { call, args } = session;
    this.draft = newestWins((a) => call("draft", a));
    this.timeline = newestWins((a) => call("timeline", a));
    this.workspace = new LetterWorkspace(
      async (kind) => {
        const answer = await this.draft({ ...args(), letter: kind });
        return answer ? answer.result : undefined;
      },
      (fields) => session.form.showErrors(fields, { all: true }),
      async () => {
        const answer = await this.timeline(args());
        return answer ? answer.result : undefined;
      },
      // No input files, one output: the empty list asks the worker for the staged output path.
      (kind) => call("draft", { ...args(), letter: kind, docx: true }, []),
    );
  }

  enter(r) {
    focusHeading(document.querySelector("[data-view='letters'] h1"));
    this.workspace.show(r.letter);
  }

  leave() {
    this.draft.cancel();
    this.timeline.cancel();
  }

  /** The case changed while a letter is on screen (its facts box): draft it again. */
  refresh() {
    this.workspace.refresh();
  }
}
