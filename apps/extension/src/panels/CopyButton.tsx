/**
 * A button that does something and says how it went to screen readers: "Copy diagnosis", "Show me". A class
 * component, as is PanelFrame: preact/hooks would add about 1 kB gzip to the content script's 20 kB budget.
 */
import { Component } from "preact";

export class ActionButton extends Component<
  { label: string; act: () => string | Promise<string> },
  { status: string }
> {
  override state = { status: "" };

  private readonly run = async () => {
    this.setState({ status: await this.props.act() });
  };

  override render() {
    return (
      <>
        <button type="button" class="action" onClick={this.run}>
          {this.props.label}
        </button>
        <span role="status" class="meta">
          {this.state.status}
        </span>
      </>
    );
  }
}

/** Puts plain text on the clipboard. */
export function CopyButton({ label, text }: { label: string; text: () => string }) {
  const copy = () =>
    navigator.clipboard.writeText(text()).then(
      () => "Copied",
      () => "Couldn't reach the clipboard; select the text in the panel instead",
    );
  return <ActionButton label={label} act={copy} />;
}
