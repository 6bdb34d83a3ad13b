/** The Mappings tab: label conflicts explained, add segments (one or pasted), the mapped segments. */
import { useState } from 'react';
import type { Api } from './api-client.ts';
import type { Destination } from './api-types.ts';
import { AddMappings } from './add-mappings.tsx';
import { ConflictNotice } from './conflict-notice.tsx';
import type { Loaded } from './destination-page.tsx';
import { LabelConflicts } from './label-conflicts.tsx';
import { MappingTable } from './mapping-table.tsx';

interface Props {
  api: Api;
  loaded: Loaded;
  onChanged: (destination: Destination, etag: string | null) => void;
  onReload: () => Promise<void>;
}

export function MappingsEditor({ api, loaded, onChanged, onReload }: Props) {
  const [conflict, setConflict] = useState<Destination | null | undefined>(undefined);
  const d = loaded.destination;
  const showConflict = () => {
    api.getDestination(d.id).then(
      (r) => setConflict(r.data),
      () => setConflict(null),
    );
  };
  return (
    <div className="mappings-tab">
      {conflict !== undefined ? (
        <ConflictNotice
          latest={conflict}
          onReload={() => {
            setConflict(undefined);
            void onReload();
          }}
        />
      ) : null}
      <LabelConflicts api={api} destination={d} />
      <AddMappings api={api} destination={d} onAdded={onChanged} />
      <MappingTable
        api={api}
        destination={d}
        etag={loaded.etag}
        onChanged={onChanged}
        onConflict={showConflict}
      />
    </div>
  );
}
