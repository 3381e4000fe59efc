import { BRAND_FIELD_NAMES, CAMPAIGN_FIELD_NAMES } from "../scenario-schema.js";
import { BRAND_FIELDS, CAMPAIGN_FIELDS } from "../world/campaign-fields.js";
import type { World } from "../world/world.js";
import type { SmsStatus, UserRecord } from "../world/world-types.js";
import type {
  SmsPageView,
  SmsStatusLabel,
  UserListFilter,
  UserListView,
  UserProfileView,
  UserRowView,
} from "./console-views.js";

const STATUS_LABELS: Record<NonNullable<SmsStatus>, SmsStatusLabel> = {
  pending: "Pending",
  enabled: "Enabled",
  "enabling-failed": "Enabling Failed",
  disabled: "Disabled",
  "disabling-failed": "Disabling Failed",
};

export function smsStatusLabel(status: SmsStatus): SmsStatusLabel {
  return status === null ? "" : STATUS_LABELS[status];
}

const LANGUAGES = [
  "English (United States)",
  "English (Canada)",
  "English (United Kingdom)",
  "Français (Canada)",
  "Español",
];
const TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Vancouver",
  "Europe/London",
];

export interface UserListQuery {
  search?: string;
  filters: UserListFilter[];
  page: number;
  pageSize: number;
}

function row(user: UserRecord): UserRowView {
  return {
    id: user.id,
    name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    extensionNumber: user.extensionNumber,
    phoneNumber: user.phoneNumbers[0] ?? null,
    license: user.licenseName,
    status: user.status === "ACTIVE" ? "Active" : "Inactive",
  };
}

/** The Users list: search by name, email or phone number; "+ Add filter" by license, status or site (Is / Is not). */
export function userListView(world: World, query: UserListQuery): UserListView {
  const search = query.search?.trim().toLowerCase() ?? "";
  const digits = search.replace(/\D/g, "");
  const matches = world.users().filter((user) => {
    for (const filter of query.filters) {
      if ((filterValueOf(user, filter.field) === filter.value) !== (filter.operator === "is")) return false;
    }
    if (!search) return true;
    const name = `${user.firstName} ${user.lastName}`.toLowerCase();
    if (name.includes(search) || user.email.toLowerCase().includes(search)) return true;
    return digits.length >= 3 && user.phoneNumbers.some((n) => n.replace(/\D/g, "").includes(digits));
  });
  // The console lists users by name.
  matches.sort(
    (a, b) =>
      `${a.firstName} ${a.lastName}`.localeCompare(`${b.firstName} ${b.lastName}`) ||
      a.id.localeCompare(b.id),
  );
  const start = (query.page - 1) * query.pageSize;
  return {
    users: matches.slice(start, start + query.pageSize).map(row),
    total: matches.length,
    page: query.page,
    pageSize: query.pageSize,
    filterValues: {
      license: [...new Set(world.licenses.map((l) => l.name)), "None"],
      status: ["Active", "Inactive"],
      site: world.company.sites,
    },
  };
}

function filterValueOf(user: UserRecord, field: UserListFilter["field"]): string {
  if (field === "license") return user.licenseName ?? "None";
  if (field === "status") return user.status === "ACTIVE" ? "Active" : "Inactive";
  return user.site;
}

export function userProfileView(world: World, user: UserRecord): UserProfileView {
  const available = world
    .numbers()
    .filter((n) => n.assignedTo === null && (n.status === "AVAILABLE" || n.status === "ASSIGNED"))
    .map((n) => n.number);
  return {
    id: user.id,
    basicInfo: {
      firstName: user.firstName,
      lastName: user.lastName,
      primaryEmail: user.email,
      userName: user.username,
      site: user.site,
      language: user.language,
      timeZone: user.timeZone,
      jobTitle: user.jobTitle,
      department: user.department,
      personalContactNumber: user.personalContactNumber,
    },
    license: user.licenseName,
    phoneNumber: user.phoneNumbers[0] ?? null,
    extensionNumber: user.extensionNumber,
    device: user.extensionType === "user" ? "8x8 Work" : "None",
    smsNumbers: world.userNumbers(user).map((n) => ({
      number: n.number,
      enabled: n.sms.enabled,
      status: smsStatusLabel(n.sms.status),
    })),
    options: {
      sites: world.company.sites,
      languages: LANGUAGES,
      timeZones: TIME_ZONES,
      licenses: [...new Set(world.licenses.map((l) => l.name))],
      phoneNumbers: [...user.phoneNumbers.slice(0, 1), ...available.slice(0, 200)],
    },
  };
}

const BRAND_LABELS = {
  verified: "Verified",
  pending: "Pending",
  unverified: "Unverified",
  failed: "Failed",
} as const;
const CAMPAIGN_LABELS = {
  verified: "VERIFIED",
  pending: "Pending",
  rejected: "Rejected",
  deactivated: "Deactivated",
  "not-registered": "Not registered",
} as const;

export function smsPageView(world: World): SmsPageView {
  const { brand, campaign } = world.company;
  const listed = world.smsNumbers();
  const listedSet = new Set(listed.map((n) => n.number));
  const errors = new Map(campaign.errors.map((e) => [e.field, e.message]));
  return {
    brand: {
      status: BRAND_LABELS[brand.status],
      fields: BRAND_FIELD_NAMES.map((name) => ({ label: BRAND_FIELDS[name], value: brand.fields[name] })),
    },
    campaign: {
      status: CAMPAIGN_LABELS[campaign.status],
      id: campaign.id,
      editable: brand.status === "verified" && !["verified", "pending"].includes(campaign.status),
      fields: CAMPAIGN_FIELD_NAMES.map((name) => ({
        name,
        label: CAMPAIGN_FIELDS[name],
        value: campaign.fields[name],
        error: errors.get(name) ?? null,
      })),
    },
    numbers: listed.map((n) => {
      const owner = n.assignedTo ? world.user(n.assignedTo) : undefined;
      return {
        number: n.number,
        user: owner ? `${owner.firstName} ${owner.lastName}` : null,
        status: smsStatusLabel(n.sms.status),
      };
    }),
    numberLimit: world.company.numberLimit,
    eligibleNumbers: world
      .numbers()
      .filter(
        (n) =>
          !listedSet.has(n.number) &&
          world.smsEligibility(n, n.assignedTo ? world.user(n.assignedTo) : undefined) === null,
      )
      .map((n) => n.number)
      .slice(0, 500),
    canDeactivate: ["verified", "pending", "rejected"].includes(campaign.status),
  };
}
