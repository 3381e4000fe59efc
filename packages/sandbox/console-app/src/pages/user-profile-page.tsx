import { useEffect, useState } from "preact/hooks";
import type { UserProfileView } from "../../../src/console/console-views.js";
import { ApiError, api, usePageData } from "../api.js";
import { DataTable } from "../components/data-table.js";
import {
  buttonClass,
  controlLabelProps,
  errorText,
  Field,
  inputClass,
  secondaryButton,
  TextField,
} from "../components/fields.js";
import { FormSection } from "../components/form-section.js";
import { LoadError, Loading } from "../components/page-states.js";
import { SelectControl } from "../components/select-control.js";
import { SmsSwitch } from "../components/switch.js";
import { css } from "../css.js";
import { markup } from "../markup.js";
import { Link } from "../router.js";

const breadcrumb = css(
  "font-size:13px;color:#4a5866;margin:0 0 4px;& a{color:#2f6fdb;text-decoration:none;}",
);
const footer = css("display:flex;gap:12px;align-items:center;margin:8px 0 32px;");
// Field's control-and-button row uses the same rules; made here at load, as before it moved, so the style sheet
// keeps its order.
css("display:flex;gap:8px;align-items:center;");
const smsTable = css(
  "width:100%;border-collapse:collapse;font-size:14px;margin:0 0 12px;& th{text-align:left;color:#4a5866;font-weight:600;padding:8px 6px;border-bottom:1px solid #dfe3e8;}& td{padding:10px 6px;border-bottom:1px solid #eef0f3;}",
  "SmsTable",
);
const saved = css("color:#2e7d32;font-size:13px;");

type Basic = UserProfileView["basicInfo"];

/** Home > Users > a user: Basic information, Services and permissions, Voice basic settings, SMS enabled numbers. */
export function UserProfilePage(props: { userId: string }) {
  const result = usePageData<UserProfileView>(`/api/users/${encodeURIComponent(props.userId)}`);
  if (result.state === "loading") return <Loading />;
  if (result.state === "error") return <LoadError message={result.message} />;
  // Keyed by user: moving to another user starts a fresh form.
  return <ProfileForm key={result.data.id} profile={result.data} onSaved={result.replace} />;
}

function ProfileForm(props: { profile: UserProfileView; onSaved: (profile: UserProfileView) => void }) {
  const { profile } = props;
  const [basic, setBasic] = useState<Basic>(profile.basicInfo);
  const [license, setLicense] = useState(profile.license);
  const [phoneNumber, setPhoneNumber] = useState(profile.phoneNumber);
  const [extension, setExtension] = useState(profile.extensionNumber);
  // Shown for fidelity only: the sandbox's world does not model caller ID or forwarding.
  const [callerId, setCallerId] = useState<string | null>("Company main number");
  const [forwarding, setForwarding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    setBasic(profile.basicInfo);
    setLicense(profile.license);
    setPhoneNumber(profile.phoneNumber);
    setExtension(profile.extensionNumber);
  }, [profile]);

  const name = `${profile.basicInfo.firstName} ${profile.basicInfo.lastName}`;
  const text = (key: keyof Basic, label: string, id = `basicInfo.${key}`) => (
    <TextField
      id={id}
      label={label}
      value={basic[key]}
      onInput={(value) => setBasic({ ...basic, [key]: value })}
    />
  );

  const save = async () => {
    setError(null);
    setNotice(null);
    const patch: Record<string, unknown> = {};
    const fields: Record<keyof Basic, string> = { ...basic };
    const apiNames: Partial<Record<keyof Basic, string>> = { primaryEmail: "email", userName: "username" };
    for (const key of Object.keys(fields) as Array<keyof Basic>) {
      if (fields[key] !== profile.basicInfo[key]) patch[apiNames[key] ?? key] = fields[key];
    }
    if (license !== profile.license) patch.licenseName = license;
    if (phoneNumber !== profile.phoneNumber) patch.phoneNumber = phoneNumber;
    if (extension !== profile.extensionNumber) patch.extensionNumber = extension;
    if (Object.keys(patch).length === 0) return;
    try {
      props.onSaved(
        await api<UserProfileView>(`/api/users/${encodeURIComponent(profile.id)}`, {
          method: "PATCH",
          body: patch,
        }),
      );
      setNotice("Changes saved.");
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <div>
      <p class={breadcrumb}>
        <Link href="/users">Users</Link> / {name}
      </p>
      <h1>{name}</h1>
      <FormSection id="basicInfo" title="Basic information">
        {text("firstName", "First Name")}
        {text("lastName", "Last Name")}
        {text("primaryEmail", "Email Address")}
        {text("userName", "Username")}
        <SelectControl
          label="Site"
          name="basicInfo.site"
          value={basic.site}
          options={profile.options.sites}
          onChange={(v) => v && setBasic({ ...basic, site: v })}
        />
        <SelectControl
          label="Language"
          name="basicInfo.language"
          value={basic.language}
          options={profile.options.languages}
          onChange={(v) => v && setBasic({ ...basic, language: v })}
        />
        <SelectControl
          label="Time Zone"
          name="basicInfo.timeZone"
          value={basic.timeZone}
          options={profile.options.timeZones}
          onChange={(v) => v && setBasic({ ...basic, timeZone: v })}
        />
        {text("jobTitle", "Job Title")}
        {text("department", "Department")}
        {text("personalContactNumber", "Personal Contact Number")}
      </FormSection>
      <FormSection id="servicesAndPermissions" title="Services and permissions">
        <SelectControl
          label="License"
          name="serviceInfo.license"
          value={license}
          options={profile.options.licenses}
          onChange={setLicense}
          clearable
        />
      </FormSection>
      <FormSection id="voiceBasicSettings" title="Voice basic settings">
        <SelectControl
          label="Phone Number"
          name="voiceBasicSettings.phoneNumber"
          value={phoneNumber}
          options={profile.options.phoneNumbers}
          onChange={setPhoneNumber}
          clearable
        />
        <TextField
          id="voiceBasicSettings.device"
          label="Device"
          value={profile.device}
          onInput={() => undefined}
          readOnly
        />
        <Field
          id="voiceBasicSettings.extensionNumber"
          label="Extension number"
          aside={
            <button
              type="button"
              class={secondaryButton}
              onClick={async () => {
                const suggestion = await api<{ extensionNumber: string }>(
                  `/api/users/${encodeURIComponent(profile.id)}/suggested-extension`,
                );
                setExtension(suggestion.extensionNumber);
              }}
            >
              Suggest
            </button>
          }
        >
          <input
            id="voiceBasicSettings.extensionNumber"
            name="voiceBasicSettings.extensionNumber"
            type="text"
            class={inputClass}
            value={extension}
            onInput={(e) => setExtension(e.currentTarget.value)}
            {...controlLabelProps("voiceBasicSettings.extensionNumber", "Extension number")}
          />
        </Field>
      </FormSection>
      {/* The real profile has more sections between voice settings and SMS; readers must not count on positions. */}
      <FormSection id="externalCallerId" title="External caller ID">
        <SelectControl
          label="Caller ID"
          name="externalCallerId.number"
          value={callerId}
          options={["Company main number", ...(phoneNumber ? [phoneNumber] : []), "Private"]}
          onChange={(v) => v && setCallerId(v)}
        />
      </FormSection>
      <FormSection id="callForwarding" title="Call forwarding">
        <Field id="callForwarding.noAnswer" label="Forward unanswered calls">
          <input
            id="callForwarding.noAnswer"
            type="checkbox"
            checked={forwarding}
            onChange={(e) => setForwarding(e.currentTarget.checked)}
            {...controlLabelProps("callForwarding.noAnswer", "Forward unanswered calls")}
          />
        </Field>
      </FormSection>
      <SmsSection profile={profile} onSaved={props.onSaved} />
      <div class={footer}>
        <button type="button" class={buttonClass} onClick={save}>
          Save
        </button>
        {error && (
          <p role="alert" class={errorText}>
            {error}
          </p>
        )}
        {notice && (
          <p role="status" class={saved}>
            {notice}
          </p>
        )}
      </div>
    </div>
  );
}

/** SMS enabled numbers: one row per number, a switch each, the Status cell, and its own Save. */
function SmsSection(props: { profile: UserProfileView; onSaved: (profile: UserProfileView) => void }) {
  const { profile } = props;
  const [draft, setDraft] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft({}), [profile]);
  const changes = Object.entries(draft)
    .filter(([number, enabled]) => profile.smsNumbers.find((n) => n.number === number)?.enabled !== enabled)
    .map(([number, enabled]) => ({ number, enabled }));

  const save = async () => {
    setError(null);
    if (changes.length === 0) return;
    try {
      props.onSaved(
        await api<UserProfileView>(`/api/users/${encodeURIComponent(profile.id)}/sms`, {
          method: "POST",
          body: { changes },
        }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <FormSection id="sms" title="SMS enabled numbers" collapsible={markup.has("collapsed-sms")}>
      {profile.smsNumbers.length === 0 ? (
        <p>This user has no phone number.</p>
      ) : (
        <DataTable
          class={smsTable}
          headers={["Number", "SMS", "Status"]}
          rows={profile.smsNumbers.map((row) => ({
            key: row.number,
            cells: [
              row.number,
              <SmsSwitch
                key="switch"
                checked={draft[row.number] ?? row.enabled}
                onChange={(checked) => {
                  // Only one number per user has SMS: switching one on switches the others off.
                  const next: Record<string, boolean> = { ...draft, [row.number]: checked };
                  if (checked)
                    for (const other of profile.smsNumbers)
                      if (other.number !== row.number) next[other.number] = false;
                  setDraft(next);
                }}
              />,
              row.status,
            ],
          }))}
        />
      )}
      <button type="button" class={buttonClass} onClick={save} disabled={profile.smsNumbers.length === 0}>
        Save
      </button>
      {error && (
        <p role="alert" class={errorText}>
          {error}
        </p>
      )}
    </FormSection>
  );
}
