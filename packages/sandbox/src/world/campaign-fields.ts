import type { BrandField, CampaignField } from "../scenario-schema.js";

// The forms' field names (`CAMPAIGN_FIELD_NAMES`, `BRAND_FIELD_NAMES`) are core's: scenario files name
// them. The labels the console replica shows, and sample values, are the sandbox's.

/** The campaign registration form's fields, reviewed by carriers, with the labels the SMS page shows. */
export const CAMPAIGN_FIELDS: Readonly<Record<CampaignField, string>> = {
  description: "Campaign Description",
  callToAction: "Call to Action",
  optInKeywords: "Opt In Keywords",
  optInMessage: "Opt In Response Message",
  optOutKeywords: "Opt Out Keywords",
  optOutMessage: "Opt Out Response Message",
  helpKeywords: "Help Keywords",
  helpMessage: "Help Response Message",
  sampleMessage: "Sample Message",
};

/** The brand form's fields on the SMS page, with their labels. */
export const BRAND_FIELDS: Readonly<Record<BrandField, string>> = {
  legalCompanyName: "Legal Company Name",
  brandName: "Doing Business As (DBA) or Brand Name",
  legalForm: "Legal form",
  taxId: "Tax Number/ID/EIN/UTR",
  issuingCountry: "Issuing Country",
  alternativeBusinessId: "Alternative Business ID (DUNS, GINN or LEI)",
  stockSymbol: "Stock Symbol",
  stockExchange: "Stock Exchange",
};

/** A plausible, complete campaign form: scenarios override only what they need. */
export function sampleCampaignFields(companyName: string): Record<CampaignField, string> {
  return {
    description: `${companyName} employees text customers about appointments and orders they asked about.`,
    callToAction: "Customers opt in on the website's contact form by ticking the SMS box.",
    optInKeywords: "START",
    optInMessage: `${companyName}: you are subscribed to account texts. Msg&data rates may apply. Reply STOP to opt out.`,
    optOutKeywords: "STOP",
    optOutMessage: `${companyName}: you are unsubscribed and will receive no more texts.`,
    helpKeywords: "HELP",
    helpMessage: `${companyName}: for help call our office or reply STOP to opt out.`,
    sampleMessage: `Hi Sam, this is ${companyName}. Your order 4417 is ready for pick-up.`,
  };
}

export function sampleBrandFields(companyName: string, country: string): Record<BrandField, string> {
  return {
    legalCompanyName: `${companyName} Inc.`,
    brandName: companyName,
    legalForm: "Private for-profit",
    taxId: country === "GB" ? "GB123456789" : "12-3456789",
    issuingCountry: country,
    alternativeBusinessId: "",
    stockSymbol: "",
    stockExchange: "",
  };
}
