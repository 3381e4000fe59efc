/** A page object for SMS Doctor's panels: what tests read is what the testability contract exposes. */
import type { Locator, Page } from "playwright-core";

export class PanelPage {
  constructor(
    private readonly page: Page,
    private readonly kind: "user" | "sms-page",
  ) {}

  get host(): Locator {
    return this.page.locator(`[data-sms-doctor-panel="${this.kind}"]`);
  }

  /** Waits until the panel has a verdict (diagnosed, or unreadable) and returns it. */
  async verdict(): Promise<string> {
    const settled = this.page.locator(`[data-sms-doctor-panel="${this.kind}"][data-verdict]`);
    await settled.waitFor({ timeout: 30_000 });
    return (await settled.getAttribute("data-verdict")) ?? "";
  }

  async findings(): Promise<{ ruleId: string; certainty: string }[]> {
    return this.host.locator("[data-rule-id]").evaluateAll((elements) =>
      elements.map((el) => ({
        ruleId: el.getAttribute("data-rule-id") ?? "",
        certainty: el.getAttribute("data-certainty") ?? "",
      })),
    );
  }

  async topRuleId(): Promise<string | null> {
    return (await this.findings())[0]?.ruleId ?? null;
  }

  async field(name: string): Promise<string> {
    return (await this.host.locator(`[data-field="${name}"]`).textContent()) ?? "";
  }
}
