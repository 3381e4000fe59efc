import { type AssignmentPlan, CarrierRegistry } from "../carrier/carrier-registry.js";
import type { TelnyxCampaign } from "../carrier/telnyx-vocabulary.js";
import type { CompanyChange, Scenario, UserChange } from "../scenario-schema.js";
import { sampleBrandFields, sampleCampaignFields } from "./campaign-fields.js";
import { DAY_MS, HOUR_MS, SimulatedClock } from "./clock.js";
import { licenseCatalogue } from "./licenses.js";
import { World } from "./world.js";
import type { CompanyRecord, Outcome, PhoneNumberRecord } from "./world-types.js";

/** A scenario whose history breaks the world's rules (e.g. enabling SMS before the campaign is verified). */
export class ScenarioReplayError extends Error {
  constructor(
    readonly scenario: string,
    readonly path: string,
    message: string,
  ) {
    super(`${scenario}: ${path}: ${message}`);
    this.name = "ScenarioReplayError";
  }
}

interface Step {
  at: number;
  path: string;
  apply: () => Outcome<unknown> | undefined;
}

/**
 * Builds the world a scenario describes by replaying its dated history through the world's own
 * rules (with the clock stopped), then leaves the clock at `scenario.now` running at `speed`.
 */
export function buildWorld(scenario: Scenario, speed = 1): World {
  const start = Math.min(Date.parse(scenario.now), ...scenario.users.map((u) => Date.parse(u.createdAt)));
  const clock = new SimulatedClock(start, 0);
  const company = companyRecord(scenario);
  const carrier = new CarrierRegistry(clock, {
    brand: {
      brandId: `brand-${company.id}`,
      tcrBrandId: `B${hashCode(company.id).toString(36).toUpperCase().slice(0, 6)}`,
      displayName: company.name,
      country: company.country,
      identityStatus: company.brand.status === "verified" ? "VERIFIED" : "UNVERIFIED",
      status:
        company.brand.status === "failed"
          ? "REGISTRATION_FAILED"
          : company.brand.status === "pending"
            ? "REGISTRATION_PENDING"
            : "OK",
      failureReasons:
        company.brand.status === "failed" ? "Tax ID does not match the tax authority's records" : null,
      createdAt: new Date(start).toISOString(),
      updatedAt: new Date(start).toISOString(),
    },
    campaign: initialCampaign(scenario, company, start),
    assignmentMs: scenario.carrier.assignmentHours * HOUR_MS,
    unassignmentMs: scenario.carrier.unassignmentHours * HOUR_MS,
    campaignReviewMs: scenario.carrier.campaignReviewDays * DAY_MS,
    plans: assignmentPlans(scenario),
  });
  const world = new World(clock, carrier, company, licenseCatalogue(["US", "CA", "GB"]));
  for (const number of numberInventory(scenario)) world.addNumber(number);
  if (company.campaign.status === "pending") world.carrier.submitCampaign({ outcome: "approved" });

  const steps: Step[] = [];
  scenario.users.forEach((user, i) => {
    steps.push({
      at: Date.parse(user.createdAt),
      path: `users.${i}`,
      apply: () => {
        world.addUser({
          id: user.id,
          firstName: user.firstName,
          lastName: user.lastName,
          email: user.email,
          username: user.username ?? user.email,
          site: user.site ?? company.sites[0]!,
          language: user.language,
          timeZone: user.timeZone,
          jobTitle: user.jobTitle,
          department: user.department,
          personalContactNumber: user.personalContactNumber,
          status: user.status,
          extensionNumber: user.extensionNumber,
          extensionType: user.extensionType,
          licenseName: user.license,
          phoneNumbers: [user.phoneNumber, ...user.extraPhoneNumbers].filter((n): n is string => n !== null),
          lastLoginAt: user.lastLoginAt === null ? null : Date.parse(user.lastLoginAt),
          createdAt: Date.parse(user.createdAt),
          updatedAt: Date.parse(user.createdAt),
        });
        return undefined;
      },
    });
    user.history.forEach((change, j) => {
      steps.push({
        at: Date.parse(change.at),
        path: `users.${i}.history.${j}`,
        apply: () => applyUserChange(world, user.id, change),
      });
    });
  });
  scenario.company.history.forEach((change, j) => {
    steps.push({
      at: Date.parse(change.at),
      path: `company.history.${j}`,
      apply: () => applyCompanyChange(world, change),
    });
  });

  const now = Date.parse(scenario.now);
  // A stable sort keeps same-instant changes in the order the file gives them.
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) {
    if (step.at > now)
      throw new ScenarioReplayError(scenario.name, step.path, "dated after the scenario's now");
    clock.set(step.at);
    world.sync();
    const outcome = step.apply();
    if (outcome && !outcome.ok)
      throw new ScenarioReplayError(scenario.name, step.path, outcome.error.message);
  }
  clock.set(now);
  world.sync();
  clock.setSpeed(speed);
  return world;
}

function applyUserChange(world: World, userId: string, change: UserChange): Outcome<unknown> {
  switch (change.type) {
    case "phone-number-changed":
      return world.changePhoneNumber(userId, change.to);
    case "license-changed":
      return world.changeLicense(userId, change.to);
    case "sms-enabled":
      return world.setSms(userId, change.number, true);
    case "sms-disabled":
      return world.setSms(userId, change.number, false);
    case "status-changed":
      return world.setUserStatus(userId, change.to);
    case "logged-in":
      return world.recordLogin(userId);
  }
}

function applyCompanyChange(world: World, change: CompanyChange): Outcome<unknown> | undefined {
  switch (change.type) {
    case "campaign-status-changed":
      world.setCampaignStatus(change.to, change.errors);
      return undefined;
    case "campaign-deactivated":
      return world.deactivateCampaign();
    case "brand-status-changed":
      world.setBrandStatus(change.to);
      return undefined;
    case "numbers-enabled": {
      const refused = world.enableNumbers(change.numbers).find((r) => r.error);
      return refused?.error ? { ok: false, error: refused.error } : undefined;
    }
  }
}

function companyRecord(scenario: Scenario): CompanyRecord {
  const { company } = scenario;
  return {
    id: company.id,
    name: company.name,
    country: company.country,
    sites: company.sites,
    brand: {
      id: `brand-${company.id}`,
      status: company.brand.status,
      fields: { ...sampleBrandFields(company.name, company.country), ...company.brand.fields },
    },
    campaign: {
      id: company.campaign.status === "not-registered" ? null : `cmp-brand-${company.id}`,
      status: company.campaign.status,
      fields: { ...sampleCampaignFields(company.name), ...company.campaign.fields },
      errors: company.campaign.errors,
      updatedAt: Date.parse(scenario.now),
    },
    numberLimit: company.numberLimit,
  };
}

function initialCampaign(scenario: Scenario, company: CompanyRecord, start: number): TelnyxCampaign | null {
  const status = company.campaign.status;
  if (status === "not-registered") return null;
  const iso = new Date(start).toISOString();
  return {
    campaignId: `cmp-brand-${company.id}`,
    tcrCampaignId: `C${hashCode(scenario.name).toString(36).toUpperCase().slice(0, 6)}`,
    brandId: `brand-${company.id}`,
    campaignStatus:
      status === "verified"
        ? "MNO_PROVISIONED"
        : status === "rejected"
          ? "MNO_REJECTED"
          : status === "deactivated"
            ? "TCR_EXPIRED"
            : "MNO_PENDING",
    status: status === "deactivated" ? "EXPIRED" : "ACTIVE",
    failureReasons: company.campaign.errors.map((e) => e.message),
    createdAt: iso,
    updatedAt: iso,
  };
}

function assignmentPlans(scenario: Scenario): Map<string, AssignmentPlan> {
  const plans = new Map<string, AssignmentPlan>();
  for (const n of scenario.numbers) {
    if (!n.carrier) continue;
    plans.set(n.number, {
      outcome: n.carrier.outcome,
      ...(n.carrier.failureReasons ? { failureReasons: n.carrier.failureReasons } : {}),
      ...(n.carrier.afterHours ? { afterMs: n.carrier.afterHours * HOUR_MS } : {}),
    });
  }
  return plans;
}

/** Declared numbers plus every other number the scenario mentions, as local numbers. */
function numberInventory(scenario: Scenario): PhoneNumberRecord[] {
  const records = new Map<string, PhoneNumberRecord>();
  const add = (number: string, declared?: Scenario["numbers"][number]) => {
    if (records.has(number)) return;
    records.set(number, {
      number,
      country: countryOf(number, scenario.company.country),
      category: declared?.category ?? "LOCAL",
      virtual: declared?.virtual ?? false,
      status: declared?.status ?? "AVAILABLE",
      temporaryNumber: declared?.temporaryNumber ?? false,
      portingNumber: declared?.portingNumber ?? null,
      assignedTo: null,
      sms: { enabled: false, status: null, waitingFor: null, reason: null, changedAt: null },
    });
  };
  for (const n of scenario.numbers) add(n.number, n);
  for (const user of scenario.users) {
    for (const n of [user.phoneNumber, ...user.extraPhoneNumbers]) if (n) add(n);
    for (const change of user.history) {
      if (change.type === "phone-number-changed" && change.to) add(change.to);
      if ((change.type === "sms-enabled" || change.type === "sms-disabled") && change.number)
        add(change.number);
    }
  }
  for (const change of scenario.company.history) {
    if (change.type === "numbers-enabled") for (const n of change.numbers) add(n);
  }
  return [...records.values()];
}

/** +1 numbers belong to the company's North American country; +44 to the UK. */
export function countryOf(number: string, companyCountry: string): string {
  if (number.startsWith("+1")) return companyCountry === "CA" ? "CA" : "US";
  if (number.startsWith("+44")) return "GB";
  return "ZZ";
}

function hashCode(text: string): number {
  let hash = 7;
  for (const char of text) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return hash;
}
