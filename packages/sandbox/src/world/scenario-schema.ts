import { z } from "zod";
import { CarrierFaultsSchema } from "../carrier/faults.js";
import { BRAND_FIELD_NAMES, CAMPAIGN_FIELD_NAMES } from "./campaign-fields.js";
import { LICENSE_NAMES } from "./licenses.js";

/** The ids of core's diagnostic rules a scenario can expect to fire first. */
export const RULE_IDS = [
  "phone-number-changed",
  "license-changed",
  "sms-disabled-by-admin",
  "campaign-not-verified",
  "verification-pending",
  "enabling-failed",
  "license-without-sms",
  "toll-free-number",
  "virtual-number",
  "number-not-ported-yet",
  "service-extension",
  "brand-not-verified",
  "campaign-deactivated",
  "campaign-number-limit",
  "sms-number-not-primary",
  "unsupported-region",
  "relogin-required",
] as const;
export const RuleIdSchema = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof RuleIdSchema>;

const Instant = z.iso.datetime({ offset: true });
export const E164Schema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "expected an E.164 number such as +14155550101");
const LicenseName = z.enum(LICENSE_NAMES as [string, ...string[]]);

export const CountrySchema = z.enum(["US", "CA", "GB"]);
export type Country = z.infer<typeof CountrySchema>;
export const BrandStatusSchema = z.enum(["verified", "pending", "unverified", "failed"]);
export type BrandStatus = z.infer<typeof BrandStatusSchema>;
export const CampaignStatusSchema = z.enum([
  "verified",
  "pending",
  "rejected",
  "deactivated",
  "not-registered",
]);
export type CampaignStatus = z.infer<typeof CampaignStatusSchema>;
export const UserStatusSchema = z.enum(["ACTIVE", "INACTIVE"]);
export const ExtensionTypeSchema = z.enum(["user", "auto-attendant", "call-queue", "ring-group"]);
export const NumberCategorySchema = z.enum(["LOCAL", "TOLL_FREE"]);
export const NumberStatusSchema = z.enum(["PRE_PORTING", "PORTING", "AVAILABLE", "ASSIGNED"]);

export const CampaignErrorSchema = z.object({
  field: z.enum(CAMPAIGN_FIELD_NAMES),
  message: z.string().min(1),
});
export type CampaignError = z.infer<typeof CampaignErrorSchema>;

/** One dated change to a user, applied through the world's rules when the scenario loads. */
export const UserChangeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("phone-number-changed"), at: Instant, to: E164Schema.nullable() }),
  z.object({ type: z.literal("license-changed"), at: Instant, to: LicenseName.nullable() }),
  /** An administrator switched SMS on (for `number`, default the user's phone number) and saved. */
  z.object({ type: z.literal("sms-enabled"), at: Instant, number: E164Schema.optional() }),
  z.object({ type: z.literal("sms-disabled"), at: Instant, number: E164Schema.optional() }),
  z.object({ type: z.literal("status-changed"), at: Instant, to: UserStatusSchema }),
  z.object({ type: z.literal("logged-in"), at: Instant }),
]);
export type UserChange = z.infer<typeof UserChangeSchema>;

/** One dated change to the company's SMS registration (the carrier's or an administrator's doing). */
export const CompanyChangeSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("campaign-status-changed"),
    at: Instant,
    to: CampaignStatusSchema.exclude(["deactivated"]),
    errors: z.array(CampaignErrorSchema).default([]),
  }),
  z.object({ type: z.literal("campaign-deactivated"), at: Instant }),
  z.object({ type: z.literal("brand-status-changed"), at: Instant, to: BrandStatusSchema }),
  /** "+ Enable phone numbers" on the SMS page. */
  z.object({ type: z.literal("numbers-enabled"), at: Instant, numbers: z.array(E164Schema).min(1) }),
]);
export type CompanyChange = z.infer<typeof CompanyChangeSchema>;

export const ScenarioUserSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ and - only"),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  email: z.email(),
  username: z.string().min(1).optional(),
  site: z.string().min(1).optional(),
  language: z.string().default("English (United States)"),
  timeZone: z.string().default("America/New_York"),
  jobTitle: z.string().default(""),
  department: z.string().default(""),
  personalContactNumber: z.string().default(""),
  status: UserStatusSchema.default("ACTIVE"),
  extensionType: ExtensionTypeSchema.default("user"),
  extensionNumber: z.string().regex(/^\d{2,8}$/),
  createdAt: Instant,
  /** The state when created; later states come from `history`. */
  license: LicenseName.nullable(),
  phoneNumber: E164Schema.nullable(),
  /** More numbers on the same extension (the first `phoneNumber` stays primary). */
  extraPhoneNumbers: z.array(E164Schema).default([]),
  lastLoginAt: Instant.nullable().default(null),
  history: z.array(UserChangeSchema).default([]),
});
export type ScenarioUser = z.infer<typeof ScenarioUserSchema>;

/** Numbers that need more than the default (a local, assigned number in the company's country). */
export const ScenarioNumberSchema = z.object({
  number: E164Schema,
  category: NumberCategorySchema.default("LOCAL"),
  /** Virtual numbers are excluded from SMS. The Administration API does not show this flag. */
  virtual: z.boolean().default(false),
  status: NumberStatusSchema.optional(),
  /** A temporary number handed out while the real one ports in. */
  temporaryNumber: z.boolean().default(false),
  /** For a temporary number: the number being ported in. */
  portingNumber: E164Schema.nullable().default(null),
  /** How the carrier will answer when this number is assigned to the campaign. */
  carrier: z
    .object({
      outcome: z.enum(["ASSIGNED", "FAILED_ASSIGNMENT"]).default("ASSIGNED"),
      failureReasons: z.string().optional(),
      afterHours: z.number().positive().optional(),
    })
    .optional(),
});
export type ScenarioNumber = z.infer<typeof ScenarioNumberSchema>;

export const VerdictSchema = z.enum(["can-send", "cannot-send", "pending", "unknown"]);

/** What core's `diagnose` should conclude for a user at the scenario's `now`. */
export const ExpectationSchema = z.object({
  userId: z.string().min(1),
  verdict: VerdictSchema,
  /** The rule whose finding comes first; null when nothing should fire. */
  topRuleId: RuleIdSchema.nullable(),
});
export type Expectation = z.infer<typeof ExpectationSchema>;

export const ScenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/, "lower-case words joined by -"),
    description: z.string().min(1),
    /** The simulated instant the world stands at once the history is replayed. */
    now: Instant,
    company: z.object({
      id: z.string().default("company-1"),
      name: z.string().min(1),
      country: CountrySchema,
      sites: z.array(z.string().min(1)).min(1).default(["Headquarters"]),
      brand: z.object({
        status: BrandStatusSchema,
        fields: z.partialRecord(z.enum(BRAND_FIELD_NAMES), z.string()).default({}),
      }),
      campaign: z.object({
        status: CampaignStatusSchema,
        fields: z.partialRecord(z.enum(CAMPAIGN_FIELD_NAMES), z.string()).default({}),
        errors: z.array(CampaignErrorSchema).default([]),
      }),
      numberLimit: z.number().int().positive().default(48),
      history: z.array(CompanyChangeSchema).default([]),
    }),
    numbers: z.array(ScenarioNumberSchema).default([]),
    users: z.array(ScenarioUserSchema).min(1),
    carrier: z
      .object({
        /** Simulated hours from "assign" to ASSIGNED. */
        assignmentHours: z.number().positive().default(4),
        unassignmentHours: z.number().positive().default(1),
        campaignReviewDays: z.number().positive().default(3),
        faults: CarrierFaultsSchema.default(CarrierFaultsSchema.parse({})),
      })
      .default({
        assignmentHours: 4,
        unassignmentHours: 1,
        campaignReviewDays: 3,
        faults: CarrierFaultsSchema.parse({}),
      }),
    expect: z.array(ExpectationSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    const userIds = new Set<string>();
    scenario.users.forEach((user, i) => {
      if (userIds.has(user.id))
        ctx.addIssue({ code: "custom", path: ["users", i, "id"], message: "duplicate id" });
      userIds.add(user.id);
    });
    scenario.expect.forEach((expectation, i) => {
      if (!userIds.has(expectation.userId))
        ctx.addIssue({ code: "custom", path: ["expect", i, "userId"], message: "no such user" });
    });
    const declared = new Set<string>();
    scenario.numbers.forEach((n, i) => {
      if (declared.has(n.number))
        ctx.addIssue({ code: "custom", path: ["numbers", i, "number"], message: "declared twice" });
      declared.add(n.number);
    });
    const owners = new Map<string, string>();
    scenario.users.forEach((user, i) => {
      for (const number of [user.phoneNumber, ...user.extraPhoneNumbers]) {
        if (number === null) continue;
        const owner = owners.get(number);
        if (owner)
          ctx.addIssue({
            code: "custom",
            path: ["users", i, "phoneNumber"],
            message: `${number} already belongs to ${owner}`,
          });
        owners.set(number, user.id);
      }
    });
    if (scenario.company.brand.status !== "verified" && scenario.company.campaign.status === "verified")
      ctx.addIssue({
        code: "custom",
        path: ["company", "campaign", "status"],
        message: "a campaign can only be verified for a verified brand",
      });
  });

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
