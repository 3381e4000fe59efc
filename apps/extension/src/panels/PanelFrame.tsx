/**
 * The collapsible frame every panel shares: a header button (keyboard operable, announces its expanded state) and
 * a labelled region. Collapsing is remembered for the rest of the visit, so it doesn't reopen on every user.
 * A class component for the content script's size budget (see CopyButton).
 */
import { Component, type ComponentChildren } from "preact";
import type { Tone } from "./words";

let collapsedForVisit = false;
let frames = 0;

interface Props {
  summary: string;
  tone: Tone;
  label: string;
  /** Shown under the header even while the panel is collapsed (a warning before Save). */
  notice?: ComponentChildren;
  children: ComponentChildren;
}

export class PanelFrame extends Component<Props, { expanded: boolean }> {
  override state = { expanded: !collapsedForVisit };
  private readonly bodyId = `sms-doctor-panel-body-${++frames}`;

  private readonly toggle = () => {
    collapsedForVisit = this.state.expanded;
    this.setState({ expanded: !this.state.expanded });
  };

  override render() {
    const { expanded } = this.state;
    return (
      <section class="panel" data-tone={this.props.tone} aria-label={this.props.label}>
        {/* The header button inside an h2 (the accordion pattern): the panel's h3 and h4 follow the page's h1 or
            h2 in order, as axe's heading-order asks. */}
        <h2>
          <button
            type="button"
            class="header"
            aria-expanded={expanded}
            aria-controls={this.bodyId}
            onClick={this.toggle}
          >
            <span class="brand">SMS Doctor</span>
            <span aria-hidden="true">·</span>
            <span class="verdict" aria-live="polite">
              {this.props.summary}
            </span>
            <span class="chevron" aria-hidden="true">
              ▾
            </span>
          </button>
        </h2>
        {this.props.notice}
        <div class="body" id={this.bodyId} hidden={!expanded}>
          {this.props.children}
        </div>
      </section>
    );
  }
}
