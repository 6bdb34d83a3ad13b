/** Server-to-server settings (SPEC §3): namespace, alias, real-time (auth, batching) and batch files. */
import { useContext } from 'react';
import { CheckboxField, FormContext, SecretField, Section, SelectField, TextField } from './fields.tsx';
import type { Draft } from './form-model.ts';

function RealTimeFields({ draft }: { draft: Draft }) {
  const rt = draft.s2s.realTime;
  return (
    <Section pointer="/s2s/realTime" legend="Real-time (HTTPS POST of JSON batches)">
      <TextField
        pointer="/s2s/realTime/endpoint"
        label="Endpoint"
        type="url"
        required
        monospace
        placeholder="https://partner.example/aam"
      />
      <SelectField
        pointer="/s2s/realTime/auth"
        label="Authentication"
        options={[
          ['NONE', 'None'],
          ['OAUTH2', 'OAuth 2 client credentials'],
          ['HMAC', 'HMAC signature of the body'],
        ]}
      />
      {rt.auth === 'OAUTH2' ? (
        <div className="grid-2">
          <TextField pointer="/s2s/realTime/oauthTokenUrl" label="Token URL" type="url" monospace />
          <TextField pointer="/s2s/realTime/oauthClientId" label="Client id" />
          <SecretField pointer="/s2s/realTime/oauthClientSecret" label="Client secret" />
        </div>
      ) : null}
      {rt.auth === 'HMAC' ? (
        <div className="grid-2">
          <SelectField
            pointer="/s2s/realTime/hmacAlgorithm"
            label="Algorithm"
            options={[
              ['SHA256', 'HmacSHA256'],
              ['SHA1', 'HmacSHA1'],
            ]}
          />
          <TextField pointer="/s2s/realTime/hmacHeader" label="Signature header" placeholder="X-Signature" />
          <SecretField pointer="/s2s/realTime/hmacKey" label="HMAC key" />
          <SelectField
            pointer="/s2s/realTime/hmacKeyEncoding"
            label="Key encoding"
            hint="Base64 when the partner gave the key as base64 text (it is decoded to the key bytes); changing it needs the key again."
            options={[
              ['UTF8', 'Text (UTF-8 bytes)'],
              ['BASE64', 'Base64 (decoded)'],
            ]}
          />
        </div>
      ) : null}
      <div className="grid-3">
        <TextField
          pointer="/s2s/realTime/usersPerRequest"
          label="Users per request"
          type="number"
          hint="1-10 in AAM; default 10."
        />
        <TextField pointer="/s2s/realTime/flushIntervalMs" label="Flush interval (ms)" type="number" />
        <TextField pointer="/s2s/realTime/timeoutMs" label="Timeout (ms)" type="number" hint="AAM: 3000." />
      </div>
    </Section>
  );
}

function BatchFields({ draft }: { draft: Draft }) {
  const b = draft.s2s.batch;
  return (
    <Section pointer="/s2s/batch" legend="Batch (scheduled files with a manifest)">
      <TextField
        pointer="/s2s/batch/schedule"
        label="Schedule (cron, UTC)"
        monospace
        hint="5-field cron, at most hourly; for example 0 * * * * (hourly) or 0 3 * * * (daily at 03:00)."
      />
      <Section pointer="/s2s/batch/syncModes" legend="Sync modes">
        <CheckboxField pointer="/s2s/batch/full" label="Full: every addressable user" />
        <CheckboxField pointer="/s2s/batch/iter" label="Incremental: users changed since the last export" />
      </Section>
      <div className="grid-2">
        <CheckboxField pointer="/s2s/batch/gzip" label="Gzip files" />
        <TextField
          pointer="/s2s/batch/splitSizeBytes"
          label="Split size (bytes)"
          type="number"
          hint="Blank = no split."
        />
      </div>
      <SelectField
        pointer="/s2s/batch/target"
        label="Target"
        options={[
          ['LOCAL', 'Local directory'],
          ['SFTP', 'SFTP'],
        ]}
      />
      {b.target === 'LOCAL' ? (
        <TextField pointer="/s2s/batch/localDir" label="Directory" monospace />
      ) : (
        <div className="grid-2">
          <TextField pointer="/s2s/batch/sftpHost" label="SFTP host" />
          <TextField pointer="/s2s/batch/sftpPort" label="SFTP port" type="number" />
          <TextField pointer="/s2s/batch/sftpUser" label="SFTP user" />
          <TextField pointer="/s2s/batch/sftpPath" label="Remote path" monospace />
          <TextField
            pointer="/s2s/batch/sftpHostKey"
            label="Host key fingerprint (SHA256:…, from ssh-keygen -lf)"
            monospace
          />
          <SecretField pointer="/s2s/batch/sftpKey" label="SSH private key" />
        </div>
      )}
      <TextField
        pointer="/s2s/batch/fileNameTemplate"
        label="File name template"
        monospace
        hint="Blank = {syncType}_{destinationId}_{dpid}_{pidAlias}_{mode}_{timestampMs}{split}.sync"
      />
      <TextField
        pointer="/s2s/batch/lineTemplate"
        label="Line template"
        monospace
        hint="Blank = <partner id> <segments,> <removed,>. Placeholders {dpuuid} {uuid} {dpid} {segments} {removed} {destinationId} {pidAlias} {tab}."
      />
      <TextField
        pointer="/s2s/batch/jsonLine"
        label="JSON-lines layout (replaces the line template)"
        monospace
        multiline
        hint='JSON: {"fields": {…}, "segmentsField": "Data", "segment": {…}, "removed": {…} or null}. User placeholders {dpuuid} {uuid} {dpid} {destinationId} {pidAlias}; segment placeholders {value} {sid} {status} {updatedAt} {updatedAtSeconds}; a lone numeric placeholder is written as a number.'
      />
    </Section>
  );
}

export function S2sFields() {
  const draft = useContext(FormContext).draft as Draft;
  return (
    <Section pointer="/s2s" legend="Server-to-server settings">
      <div className="grid-2">
        <TextField
          pointer="/s2s/dpid"
          label="Partner namespace (data source id)"
          type="number"
          required
          hint="Users are sent only with an ID sync in this namespace; e.g. 20915 Apple IDFA."
        />
        <TextField pointer="/s2s/accountAlias" label="Partner account alias" required />
      </div>
      <CheckboxField pointer="/s2s/realTimeEnabled" label="Real-time delivery" />
      {draft.s2s.realTimeEnabled ? <RealTimeFields draft={draft} /> : null}
      <CheckboxField pointer="/s2s/batchEnabled" label="Batch export" />
      {draft.s2s.batchEnabled ? <BatchFields draft={draft} /> : null}
    </Section>
  );
}
