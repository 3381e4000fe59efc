/**
 * Warn before Save, the background's half: what saving a user's edited form will do to SMS, from core's
 * predictSave with what this browser knows (the user's history, for "enabled recently", and the company's
 * campaign from the SMS page), worded by core's formatSavePrediction.
 */
import { formatSavePrediction, predictSave, type UserFormState } from "@sms-doctor/core";
import type { SavePreviewView } from "../messaging/messages";
import type { HistoryStore } from "./history-store";

export async function previewSave(
  history: HistoryStore,
  edit: { userId: string; before: UserFormState; after: UserFormState },
  now: string,
): Promise<SavePreviewView> {
  const [earlier, company] = await Promise.all([history.history(edit.userId), history.company()]);
  const predictions = predictSave(edit.before, edit.after, company, { now, history: earlier });
  return {
    summary: "If you save now:",
    items: predictions.map((prediction) => ({ key: prediction.id, text: formatSavePrediction(prediction) })),
    notes: [],
  };
}
