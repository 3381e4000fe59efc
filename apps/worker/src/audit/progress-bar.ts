/** A one-line progress bar on a terminal's stderr; nothing at all when stderr is not a terminal. */
export class ProgressBar {
  #last = 0;
  #shown = false;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(fraction: number): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.#last < 100) return; // redrawing more often only slows the audit down
    this.#last = now;
    this.#draw(fraction);
  }

  done(): void {
    if (!this.stream.isTTY || !this.#shown) return;
    this.stream.write("\r\u001b[2K");
  }

  #draw(fraction: number): void {
    const share = Math.max(0, Math.min(1, fraction));
    const width = 30;
    const filled = Math.round(share * width);
    this.#shown = true;
    this.stream.write(
      `\r${this.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(share * 100)}%`,
    );
  }
}
