/** The list of every API issue at the top of a form, each linking to (and focusing) its input. */
import { useEffect, useRef } from 'react';
import type { Issue } from './api-types.ts';
import { fieldId, pointerLabel } from './field-issues.ts';

export function ErrorSummary({
  title,
  message,
  issues,
}: {
  title: string;
  message: string;
  issues: readonly Issue[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [issues, message]);
  const focus = (pointer: string) => {
    const parts = pointer.split('/');
    for (let n = parts.length; n > 1; n--) {
      const element = document.getElementById(fieldId(parts.slice(0, n).join('/')));
      if (element) {
        element.focus();
        return;
      }
    }
  };
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      <p>{message}</p>
      {issues.length > 0 ? (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.pointer} ${issue.rule}`}>
              <a
                href={`#${fieldId(issue.pointer)}`}
                onClick={(e) => {
                  e.preventDefault();
                  focus(issue.pointer);
                }}
              >
                {pointerLabel(issue.pointer)}: {issue.message}
              </a>{' '}
              <span className="rule">({issue.rule})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
