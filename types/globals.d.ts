// What the shell reads from the browser beyond the standard DOM typings (for `tsc --checkJs`;
// nothing here ships).

interface Window {
  /** The worker boot.js started while the page loaded, with the messages it kept meanwhile. */
  weiquanEarlyWorker?: {
    url: string;
    worker: Worker;
    /** MessageEvent or ErrorEvent, told apart by `type`. */
    kept: any[];
    keep: (event: Event) => void;
  };
}

interface Navigator {
  /** Chromium only: the device's memory in GiB, rounded. */
  readonly deviceMemory?: number;
}
