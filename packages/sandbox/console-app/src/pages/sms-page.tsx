import { useEffect, useState } from "preact/hooks";
import type { SmsPageView } from "../../../src/console/console-views.js";
import { ApiError, api, usePageData } from "../api.js";
import { DataTable } from "../components/data-table.js";
import {
  buttonClass,
  controlLabelProps,
  errorText,
  Field,
  inputClass,
  secondaryButton,
} from "../components/fields.js";
import { FormSection } from "../components/form-section.js";
import { LoadError, Loading } from "../components/page-states.js";
import { css } from "../css.js";

const statusWord = css("font-weight:700;font-size:15px;", "Status");
const dl = css(
  "display:grid;grid-template-columns:260px 1fr;gap:6px 12px;font-size:14px;margin:12px 0;& dt{color:#4a5866;}& dd{margin:0;}",
);
const textarea = css("min-height:60px;padding:8px 10px;max-width:560px;height:auto;", "Textarea");
const warning = css(
  "padding:10px 14px;border:1px solid #f0c36d;background:#fff8e6;border-radius:6px;color:#6b4c00;font-size:14px;margin:0 0 12px;",
  "Warning",
);
const table = css(
  "width:100%;border-collapse:collapse;font-size:14px;margin:0 0 12px;& th{text-align:left;color:#4a5866;font-weight:600;padding:8px 6px;border-bottom:1px solid #dfe3e8;}& td{padding:8px 6px;border-bottom:1px solid #eef0f3;}",
  "Table",
);
const linkButton = css(
  "border:0;background:none;color:#c62828;cursor:pointer;font:inherit;font-size:13px;padding:0;",
);
const backdrop = css(
  "position:fixed;inset:0;background:rgba(11,31,53,.45);display:flex;align-items:center;justify-content:center;z-index:50;",
  "Backdrop",
);
const dialog = css(
  "background:#fff;border-radius:8px;padding:24px;width:440px;box-shadow:0 12px 32px rgba(0,0,0,.25);",
  "Dialog",
);
const row = css("display:flex;gap:12px;align-items:center;flex-wrap:wrap;");
const picker = css(
  "border:1px solid #dfe3e8;border-radius:6px;padding:12px;margin:0 0 12px;max-height:260px;overflow:auto;font-size:14px;& label{display:block;padding:3px 0;}",
);

/** Home > SMS: brand, campaign registration, the SMS enabled numbers and campaign deactivation. */
export function SmsPage() {
  const result = usePageData<SmsPageView>("/api/sms");
  if (result.state === "loading") return <Loading />;
  if (result.state === "error") return <LoadError message={result.message} />;
  const view = result.data;
  return (
    <div>
      <h1>SMS</h1>
      <FormSection id="brand" title="Your Brand">
        <p>
          Status: <span class={statusWord}>{view.brand.status}</span>
        </p>
        <dl class={dl}>
          {view.brand.fields.map((f) => (
            <>
              <dt key={`${f.label}-t`}>{f.label}</dt>
              <dd key={`${f.label}-d`}>{f.value || "—"}</dd>
            </>
          ))}
        </dl>
      </FormSection>
      <CampaignSection view={view} onChange={result.replace} />
      <NumbersSection view={view} onChange={result.replace} />
      {view.canDeactivate && <DeactivateSection onChange={result.replace} />}
    </div>
  );
}

function CampaignSection(props: { view: SmsPageView; onChange: (view: SmsPageView) => void }) {
  const { campaign, brand } = props.view;
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setValues(Object.fromEntries(campaign.fields.map((f) => [f.name, f.value]))), [campaign]);
  const submit = async () => {
    setError(null);
    try {
      props.onChange(
        await api<SmsPageView>("/api/sms/campaign", { method: "POST", body: { fields: values } }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <FormSection id="campaign" title="Your Campaign">
      <p>
        Status: <span class={statusWord}>{campaign.status}</span>
      </p>
      {brand.status !== "Verified" && <p>Your brand must be Verified before you can register a campaign.</p>}
      {campaign.status === "VERIFIED" && campaign.id && <p>Campaign ID: {campaign.id}</p>}
      {campaign.status === "Pending" && (
        <p>The carriers are reviewing your campaign. This usually takes a few days.</p>
      )}
      {campaign.editable && (
        <form
          aria-label="SMS campaign registration"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {campaign.fields.map((f) => {
            const id = `campaign.${f.name}`;
            return (
              <Field id={id} label={f.label} key={f.name}>
                <textarea
                  id={id}
                  name={id}
                  class={`${inputClass} ${textarea}`}
                  aria-invalid={f.error ? true : undefined}
                  aria-describedby={f.error ? `${id}-error` : undefined}
                  value={values[f.name] ?? ""}
                  onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                  {...controlLabelProps(id, f.label)}
                />
                {f.error && (
                  <p id={`${id}-error`} class={errorText}>
                    {f.error}
                  </p>
                )}
              </Field>
            );
          })}
          <button type="submit" class={buttonClass}>
            {campaign.status === "Rejected" ? "Re-submit" : "Submit"}
          </button>
          {error && (
            <p role="alert" class={errorText}>
              {error}
            </p>
          )}
        </form>
      )}
    </FormSection>
  );
}

function NumbersSection(props: { view: SmsPageView; onChange: (view: SmsPageView) => void }) {
  const { view } = props;
  const [picking, setPicking] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  // The number whose removal the admin is asked to confirm, as the console asks before it disables SMS on it.
  const [removing, setRemoving] = useState<string | null>(null);
  const enable = async () => {
    setError(null);
    const answer = await api<{
      results: Array<{ number: string; error: { message: string } | null }>;
      page: SmsPageView;
    }>("/api/sms/numbers", { method: "POST", body: { numbers: chosen } }).catch((e: unknown) => {
      setError(e instanceof Error ? e.message : String(e));
      return null;
    });
    if (!answer) return;
    const refused = answer.results.filter((r) => r.error);
    if (refused.length) setError(refused.map((r) => `${r.number}: ${r.error!.message}`).join(" "));
    setPicking(false);
    setChosen([]);
    props.onChange(answer.page);
  };
  const remove = async (number: string) => {
    setError(null);
    setRemoving(null);
    try {
      props.onChange(
        await api<SmsPageView>(`/api/sms/numbers/${encodeURIComponent(number)}`, { method: "DELETE" }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <FormSection
      id="smsNumbers"
      title="Your SMS enabled phone numbers"
      actions={
        <button type="button" class={secondaryButton} onClick={() => setPicking(!picking)}>
          + Enable phone numbers
        </button>
      }
    >
      {view.numbers.length > view.numberLimit && (
        <div role="alert" class={warning}>
          You have {view.numbers.length} SMS enabled numbers, but your campaign holds {view.numberLimit}.
          Numbers beyond the limit cannot be provisioned.
        </div>
      )}
      {picking && (
        <fieldset class={picker}>
          <legend>Numbers to enable</legend>
          {view.eligibleNumbers.length === 0 && <p>No other numbers can be enabled.</p>}
          {view.eligibleNumbers.map((n) => (
            <label key={n}>
              <input
                type="checkbox"
                checked={chosen.includes(n)}
                onChange={(e) =>
                  setChosen(e.currentTarget.checked ? [...chosen, n] : chosen.filter((c) => c !== n))
                }
              />{" "}
              {n}
            </label>
          ))}
          <div class={row}>
            <button type="button" class={buttonClass} disabled={chosen.length === 0} onClick={enable}>
              Enable
            </button>
          </div>
        </fieldset>
      )}
      <DataTable
        class={table}
        headers={[
          "Phone number",
          "User",
          "Status",
          <span key="actions" hidden>
            Actions
          </span>,
        ]}
        rows={view.numbers.map((n) => ({
          key: n.number,
          cells: [
            n.number,
            n.user ?? "",
            n.status,
            <button key="remove" type="button" class={linkButton} onClick={() => setRemoving(n.number)}>
              Remove number
            </button>,
          ],
        }))}
        empty="No SMS enabled phone numbers."
      />
      <p>
        {view.numbers.length} of {view.numberLimit} numbers
      </p>
      {removing && (
        <div class={backdrop}>
          <div
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="remove-number-title"
            aria-describedby="remove-number-text"
            class={dialog}
          >
            <h2 id="remove-number-title">Remove number?</h2>
            <p id="remove-number-text">
              SMS will be disabled for {removing}, and it leaves your campaign's SMS enabled phone numbers.
            </p>
            <div class={row}>
              <button type="button" class={secondaryButton} onClick={() => setRemoving(null)}>
                Cancel
              </button>
              <button type="button" class={buttonClass} onClick={() => remove(removing)}>
                Remove number
              </button>
            </div>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" class={errorText}>
          {error}
        </p>
      )}
    </FormSection>
  );
}

function DeactivateSection(props: { onChange: (view: SmsPageView) => void }) {
  const [confirming, setConfirming] = useState(false);
  const deactivate = async () => {
    props.onChange(
      await api<SmsPageView>("/api/sms/campaign/deactivate", { method: "POST", body: { confirm: true } }),
    );
    setConfirming(false);
  };
  return (
    <FormSection id="deactivateCampaign" title="Deactivate campaign">
      <p>Deactivating the campaign disables SMS on every number. It cannot be undone.</p>
      <button type="button" class={secondaryButton} onClick={() => setConfirming(true)}>
        Deactivate campaign
      </button>
      {confirming && (
        <div class={backdrop}>
          <div role="dialog" aria-modal="true" aria-labelledby="deactivate-title" class={dialog}>
            <h2 id="deactivate-title">Deactivate campaign?</h2>
            <p>SMS will be disabled on every number, and the campaign cannot be reactivated.</p>
            <div class={row}>
              <button type="button" class={secondaryButton} onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button type="button" class={buttonClass} onClick={deactivate}>
                Deactivate and disable SMS
              </button>
            </div>
          </div>
        </div>
      )}
    </FormSection>
  );
}
