/** One finding: cause, evidence (before → after, when seen), resolution steps in order, who acts, expected wait. */
import type { ExplainedFinding } from "../messaging/messages";
import { ShowMe } from "./ShowMe";
import { actorWords, certaintyWords, fieldWords, formatInstant, formatValue } from "./words";

export function FindingItem({ finding }: { finding: ExplainedFinding }) {
  return (
    <li
      class="finding"
      data-rule-id={finding.ruleId}
      data-certainty={finding.certainty}
      data-severity={finding.severity}
    >
      <h4>
        {finding.title}
        <span class="tag" data-certainty={finding.certainty}>
          {certaintyWords[finding.certainty]}
        </span>
      </h4>
      <p>{finding.explanation}</p>
      {finding.evidence.length > 0 && (
        <ul class="evidence" aria-label="What was seen">
          {finding.evidence.map((evidence) => (
            <li key={`${evidence.field}-${evidence.observedAt}`}>
              {fieldWords[evidence.field] ?? evidence.field}: {formatValue(evidence.before)} →{" "}
              {formatValue(evidence.after)}{" "}
              <span class="meta">(seen {formatInstant(evidence.observedAt)})</span>
            </li>
          ))}
        </ul>
      )}
      {finding.steps.length > 0 && (
        <ol aria-label="What to do">
          {finding.steps.map((step, index) => {
            const control = finding.controls?.[index];
            return (
              <li key={index}>
                {step} {control && <ShowMe control={control} />}
              </li>
            );
          })}
        </ol>
      )}
      <p class="meta">
        Who acts: {actorWords[finding.actor]}
        {finding.expectedWait && `. Expected wait: about ${finding.expectedWait}`}.
      </p>
      {finding.article && (
        <p class="meta">
          8x8 article:{" "}
          <a href={finding.article.url} target="_blank" rel="noopener noreferrer">
            {finding.article.title}
          </a>
        </p>
      )}
    </li>
  );
}

export function FindingList({ findings }: { findings: ExplainedFinding[] }) {
  if (findings.length === 0) return <p>No problem found.</p>;
  return (
    <ol class="findings" aria-label="Causes, most important first">
      {findings.map((finding) => (
        <FindingItem key={`${finding.ruleId}-${finding.certainty}`} finding={finding} />
      ))}
    </ol>
  );
}
