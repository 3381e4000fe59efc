/**
 * "Copy diagnosis": puts plain text on the clipboard and says so to screen readers. A class component, as is
 * PanelFrame: preact/hooks would add about 1 kB gzip to the content script's 20 kB budget for these two alone.
 */
import { Component } from "preact";

export class CopyButton extends Component<{ label: string; text: () => string }, { status: string }> {
  override state = { status: "" };

  private readonly copy = async () => {
    try {
      await navigator.clipboard.writeText(this.props.text());
      this.setState({ status: "Copied" });
    } catch {
      this.setState({ status: "Couldn't reach the clipboard; select the text in the panel instead" });
    }
  };

  override render() {
    return (
      <>
        <button type="button" class="action" onClick={this.copy}>
          {this.props.label}
        </button>
        <span role="status" class="meta">
          {this.state.status}
        </span>
      </>
    );
  }
}
