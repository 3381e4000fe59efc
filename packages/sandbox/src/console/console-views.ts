/**
 * What the console replica's JSON API returns to its pages. Type-only: the SPA imports these types
 * too, so the two cannot drift apart.
 */

/** The Status cell's exact words; "" when blank. */
export type SmsStatusLabel = "Pending" | "Enabled" | "Enabling Failed" | "Disabled" | "Disabling Failed" | "";

export interface SessionView {
  company: { name: string; country: string };
  scenario: string;
  renderDelayMs: number;
}

export interface UserRowView {
  id: string;
  name: string;
  email: string;
  extensionNumber: string;
  phoneNumber: string | null;
  license: string | null;
  status: "Active" | "Inactive";
}

/** A "+ Add filter" row of the Users list: field, Is / Is not, value. */
export interface UserListFilter {
  field: "license" | "status" | "site";
  operator: "is" | "isNot";
  value: string;
}

export interface UserListView {
  users: UserRowView[];
  total: number;
  page: number;
  pageSize: number;
  /** The values each filter field offers. */
  filterValues: Record<UserListFilter["field"], string[]>;
}

export interface SmsRowView {
  number: string;
  enabled: boolean;
  status: SmsStatusLabel;
}

export interface UserProfileView {
  id: string;
  basicInfo: {
    firstName: string;
    lastName: string;
    primaryEmail: string;
    userName: string;
    site: string;
    language: string;
    timeZone: string;
    jobTitle: string;
    department: string;
    personalContactNumber: string;
  };
  license: string | null;
  phoneNumber: string | null;
  extensionNumber: string;
  device: string;
  smsNumbers: SmsRowView[];
  options: {
    sites: string[];
    languages: string[];
    timeZones: string[];
    licenses: string[];
    phoneNumbers: string[];
  };
}

export interface CampaignFieldView {
  name: string;
  label: string;
  value: string;
  /** The registration form's error for this field, if the carriers flagged it. */
  error: string | null;
}

export interface SmsPageView {
  brand: {
    status: "Verified" | "Pending" | "Unverified" | "Failed";
    fields: Array<{ label: string; value: string }>;
  };
  campaign: {
    status: "VERIFIED" | "Pending" | "Rejected" | "Deactivated" | "Not registered";
    id: string | null;
    editable: boolean;
    fields: CampaignFieldView[];
  };
  numbers: Array<{ number: string; user: string | null; status: SmsStatusLabel }>;
  numberLimit: number;
  /** Company numbers not yet on the list, for "+ Enable phone numbers". */
  eligibleNumbers: string[];
  canDeactivate: boolean;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}
