// The sandbox's scenario files: a simulated 8x8 company, its users' dated history, the carrier's
// behaviour and what `diagnose` should conclude. Parsed here because a scenario file crosses a
// boundary (a file on disk, or data another package hands over).

import {
  BrandStatusSchema,
  CampaignStatusSchema,
  E164Schema,
  ExtensionTypeSchema,
  RULE_IDS,
  VerdictSchema,
} from "@sms-doctor/core";
import { z } from "zod";

/** The campaign registration form's fields, reviewed by carriers, in the order the SMS page shows them. */
export const CAMPAIGN_FIELD_NAMES = [
  "description",
  "callToAction",
  "optInKeywords",
  "optInMessage",
  "optOutKeywords",
  "optOutMessage",
  "helpKeywords",
  "helpMessage",
  "sampleMessage",
] as const;
export type CampaignField = (typeof CAMPAIGN_FIELD_NAMES)[number];

/** The brand form's fields on the SMS page, in the order it shows them. */
export const BRAND_FIELD_NAMES = [
  "legalCompanyName",
  "brandName",
  "legalForm",
  "taxId",
  "issuingCountry",
  "alternativeBusinessId",
  "stockSymbol",
  "stockExchange",
] as const;
export type BrandField = (typeof BRAND_FIELD_NAMES)[number];

/** The X Series licenses a scenario can give a user, named as the console shows them. */
export const LICENSE_NAMES = [
  "X Series - Basic",
  "X Series - Lobby",
  "X Series - X2",
  "X Series - X4",
  "X Series - X6",
  "X Series - X7",
  "X Series - X8",
] as const;
export type LicenseName = (typeof LICENSE_NAMES)[number];

const rate = z.number().min(0).max(1);

/**
 * Faults the carrier simulator injects into its provider API (never into `/_control`).
 * Rates are probabilities per request, drawn from a seeded generator so a run can be repeated.
 */
export const CarrierFaultsSchema = z
  .object({
    /** Probability of answering with this status instead of the real answer. */
    errorRates: z.object({ "429": rate, "500": rate, "503": rate }).partial().strict().default({}),
    /** Sent with every injected 429 and 503. */
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    /** Added before every answer. */
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    /** Probability of accepting a request and never answering it. */
    timeoutRate: rate.default(0),
    /** Probability of a 200 whose body is not valid JSON. */
    malformedRate: rate.default(0),
    /** Probability of replacing a status word with `unknownStatusWord`. */
    unknownStatusRate: rate.default(0),
    unknownStatusWord: z.string().min(1).max(64).default("CARRIER_REVIEW_HOLD"),
    /** Probability of answering with the number's previous state (older `updatedAt`). */
    staleRate: rate.default(0),
    webhooks: z
      .object({
        /** Probability of delivering an event a second time, with `meta.attempt` incremented. */
        duplicateRate: rate.default(0),
        /** Hold events for `reorderWindowMs` and deliver them newest first. */
        outOfOrder: z.boolean().default(false),
        reorderWindowMs: z.number().int().min(10).max(60_000).default(300),
      })
      .strict()
      .default({ duplicateRate: 0, outOfOrder: false, reorderWindowMs: 300 }),
    seed: z.number().int().default(1),
  })
  .strict();

export type CarrierFaults = z.infer<typeof CarrierFaultsSchema>;
export type CarrierFaultsInput = z.input<typeof CarrierFaultsSchema>;

/** The id of one of core's diagnostic rules (`RULE_IDS`), as a scenario names the rule it expects to fire first. */
export const RuleIdSchema = z.enum(RULE_IDS as [string, ...string[]]);
export type RuleId = z.infer<typeof RuleIdSchema>;

const Instant = z.iso.datetime({ offset: true });
const LicenseNameSchema = z.enum(LICENSE_NAMES);

export const CountrySchema = z.enum(["US", "CA", "GB"]);
export type Country = z.infer<typeof CountrySchema>;
/** A brand status a scenario sets (core's `BrandStatusSchema` without "unknown" (null)). */
export const ScenarioBrandStatusSchema = BrandStatusSchema.unwrap();
export type BrandStatus = z.infer<typeof ScenarioBrandStatusSchema>;
/** A campaign status a scenario sets (core's `CampaignStatusSchema` without "unknown" (null)). */
export const ScenarioCampaignStatusSchema = CampaignStatusSchema.unwrap();
export type CampaignStatus = z.infer<typeof ScenarioCampaignStatusSchema>;
/** A user's status in the Administration API's words. */
export const UserStatusSchema = z.enum(["ACTIVE", "INACTIVE"]);
/** A number's category in the Administration API's words (core's `NumberCategorySchema` is the snapshot's). */
export const ScenarioNumberCategorySchema = z.enum(["LOCAL", "TOLL_FREE"]);
/** A number's status in the Administration API's words (core's `NumberStatusSchema` is the snapshot's). */
export const ScenarioNumberStatusSchema = z.enum(["PRE_PORTING", "PORTING", "AVAILABLE", "ASSIGNED"]);

export const CampaignErrorSchema = z.object({
  field: z.enum(CAMPAIGN_FIELD_NAMES),
  message: z.string().min(1),
});
export type CampaignError = z.infer<typeof CampaignErrorSchema>;

/** One dated change to a user, applied through the world's rules when the scenario loads. */
export const UserChangeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("phone-number-changed"), at: Instant, to: E164Schema.nullable() }),
  z.object({ type: z.literal("license-changed"), at: Instant, to: LicenseNameSchema.nullable() }),
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
    to: ScenarioCampaignStatusSchema.exclude(["deactivated"]),
    errors: z.array(CampaignErrorSchema).default([]),
  }),
  z.object({ type: z.literal("campaign-deactivated"), at: Instant }),
  z.object({ type: z.literal("brand-status-changed"), at: Instant, to: ScenarioBrandStatusSchema }),
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
  license: LicenseNameSchema.nullable(),
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
  category: ScenarioNumberCategorySchema.default("LOCAL"),
  /** Virtual numbers are excluded from SMS. The Administration API does not show this flag. */
  virtual: z.boolean().default(false),
  status: ScenarioNumberStatusSchema.optional(),
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
        status: ScenarioBrandStatusSchema,
        fields: z.partialRecord(z.enum(BRAND_FIELD_NAMES), z.string()).default({}),
      }),
      campaign: z.object({
        status: ScenarioCampaignStatusSchema,
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
