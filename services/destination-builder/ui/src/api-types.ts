/**
 * GENERATED from the destination builder's OpenAPI document by deploy/tools/openapi/api-types.ts
 * (openapi-typescript): do not edit; run `npm run gen:api-types` after changing an API schema.
 */
export interface paths {
    "/v1/destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List destinations */
        get: operations["listDestinations"];
        put?: never;
        /** Create a destination */
        post: operations["createDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a destination */
        get: operations["getDestination"];
        /** Replace a destination (If-Match required; mappings kept when omitted) */
        put: operations["replaceDestination"];
        post?: never;
        /** Delete a destination (If-Match required) */
        delete: operations["deleteDestination"];
        options?: never;
        head?: never;
        /** Change a destination (JSON Merge Patch, RFC 7396; If-Match required) */
        patch: operations["patchDestination"];
        trace?: never;
    };
    "/v1/destinations/{id}/mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the mappings of a destination */
        get: operations["listMappings"];
        put?: never;
        /** Map one segment (409 when it is mapped already) */
        post: operations["addMapping"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{id}/mappings/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Map many segments at once (all or nothing; 409 when one is mapped already) */
        post: operations["addMappings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{id}/mappings/{sid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the mapping of a segment */
        put: operations["replaceMapping"];
        post?: never;
        /** Unmap a segment */
        delete: operations["deleteMapping"];
        options?: never;
        head?: never;
        /** Change the mapping of a segment (JSON Merge Patch) */
        patch: operations["patchMapping"];
        trace?: never;
    };
    "/v1/destinations/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render what the destination would send for a sample event */
        post: operations["previewDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/data-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List data sources */
        get: operations["listDataSources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/data-sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a data source */
        get: operations["getDataSource"];
        /** Create or replace the export controls of a data source (If-Match when it exists) */
        put: operations["putDataSource"];
        post?: never;
        /** Delete a data source (If-Match required) */
        delete: operations["deleteDataSource"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API tokens */
        get: operations["listTokens"];
        put?: never;
        /** Create an API token (shown once) */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destination-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List destination templates (partner layouts Adobe documents) */
        get: operations["listDestinationTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destination-templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a destination template */
        get: operations["getDestinationTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/delivery-stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery and export figures per destination, read from the delivery services’ metrics */
        get: operations["getDeliveryStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{id}/export-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export runs of a batch S2S destination, read from the s2s exporter (newest first) */
        get: operations["getExportHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The build this process runs */
        get: operations["getVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: 503 means restart me if it stays so */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: 503 while a dependency is unreachable or not caught up */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @enum {string} */
        DestinationType: "URL" | "COOKIE" | "S2S";
        /**
         * @description PAUSED: nothing is delivered.
         * @enum {string}
         */
        DestinationStatus: "ACTIVE" | "PAUSED";
        /**
         * @description The device platforms a destination receives.
         * @enum {string}
         */
        Platform: "ALL" | "BROWSER" | "ANDROID" | "IOS";
        /**
         * @description Fills an empty mapping value with the segment id or the integration code.
         * @enum {string}
         */
        AutoFill: "NONE" | "SEGMENT_ID" | "INTEGRATION_CODE";
        /**
         * @description A data export label (SPEC §6).
         * @enum {string}
         */
        Label: "PII" | "ONSITE_TARGETING" | "OFFSITE_TARGETING" | "ONSITE_PERSONALIZATION";
        /**
         * @description One JSON object per user (JSON lines), e.g. The Trade Desk layout of Adobe's outbound macro examples. Replaces lineTemplate.
         * @example {
         *       "fields": {
         *         "AdvertiserId": "{pidAlias}",
         *         "DataCenterId": 2,
         *         "TDID": "{dpuuid}"
         *       },
         *       "segmentsField": "Data",
         *       "segment": {
         *         "Name": "{value}"
         *       },
         *       "removed": {
         *         "Name": "{value}",
         *         "TtlInMinutes": 0
         *       }
         *     }
         */
        JsonLineLayout: {
            /** @description The user's fields, in order. Placeholders: {dpuuid} the partner user id (the ID sync in the destination namespace); {uuid} the AAM device id; {dpid} the destination namespace (a number when alone); {destinationId} the destination id (a number when alone); {pidAlias} the account alias on the partner platform. */
            fields: {
                [key: string]: string | number | boolean;
            };
            /** @description Key of the array of segment entries, written after the user's fields. */
            segmentsField: string;
            /** @description A live segment's entry. Placeholders: the user's and {value} the mapping value of the segment; {sid} the segment id (a number when alone); {status} 1 for a live segment, 0 for a removed one, as AAM real-time messages (a number when alone); {updatedAt} when the membership last changed, epoch milliseconds (a number when alone); {updatedAtSeconds} the same in epoch seconds (a number when alone). */
            segment: {
                [key: string]: string | number | boolean;
            };
            removed: {
                [key: string]: string | number | boolean;
            } | null;
        };
        /** @description One problem of a request, at a JSON pointer. */
        Issue: {
            /** @description JSON pointer into the request (body, or /query/..., /params/...). */
            pointer: string;
            /** @description The rule broken, e.g. required, unknown_field, ssrf, duplicate. */
            rule: string;
            message: string;
        };
        /** @description The shape of every error answer. */
        Error: {
            /**
             * @description Machine-readable error code.
             * @enum {string}
             */
            error: "bad_magic_byte" | "unknown_schema_id" | "undecodable" | "registry_unavailable" | "invalid_event" | "output_too_large" | "invalid_config" | "http_3xx" | "http_4xx" | "http_5xx" | "http_429" | "timeout" | "connection_failed" | "ssrf_refused" | "circuit_open" | "destination_busy" | "retries_exhausted" | "render_failed" | "invalid_request" | "validation_failed" | "not_found" | "version_conflict" | "conflict" | "precondition_required" | "unauthenticated" | "forbidden" | "kafka" | "database" | "internal" | "body_too_large" | "unsupported_media_type" | "method_not_allowed";
            message: string;
            issues?: components["schemas"]["Issue"][];
        };
        /** @description A write-only secret is stored; its value is never returned. */
        SecretState: {
            /** @enum {boolean} */
            set: true;
        };
        /** @description A segment mapped to a destination, as stored. */
        Mapping: {
            sid: number;
            value: string;
            /** @description YYYY-MM-DD, UTC, inclusive. */
            startDate: string;
            endDate: string | null;
            priority: number | null;
            key: string | null;
            url: string | null;
            secureUrl: string | null;
        };
        /** @description How a URL destination builds its pixel calls. */
        UrlSettings: {
            serialize: boolean;
            baseUrl: string | null;
            secureUrl: string | null;
            delimiter: string;
            /** @enum {string} */
            referrerPolicy: "HIDE" | "SHOW";
        };
        /** @description The cookie a cookie destination publishes. */
        CookieSettings: {
            name: string;
            domain: string | null;
            /** @enum {string} */
            publishTo: "ALL" | "ONLY_LISTED" | "ALL_EXCEPT_LISTED";
            publishDomains: string[];
            /** @enum {string} */
            dataFormat: "SINGLE_KEY" | "MULTI_KEY";
            key: string | null;
            keySeparator: string;
            pairSeparator: string;
            serialize: boolean;
            serialSeparator: string;
            maxSizeBytes: number;
            ttlDays: number;
        };
        /** @description Real-time server-to-server delivery (JSON over HTTP). */
        RealTimeSettings: {
            endpoint: string;
            /** @enum {string} */
            auth: "NONE" | "OAUTH2" | "HMAC";
            oauthTokenUrl: string | null;
            oauthClientId: string | null;
            oauthClientSecret: components["schemas"]["SecretState"] | null;
            /** @enum {string} */
            hmacAlgorithm: "SHA256" | "SHA1";
            hmacHeader: string | null;
            hmacKey: components["schemas"]["SecretState"] | null;
            /** @enum {string} */
            hmacKeyEncoding: "UTF8" | "BASE64";
            usersPerRequest: number;
            flushIntervalMs: number;
            timeoutMs: number;
        };
        /** @description Batch server-to-server export (files). */
        BatchSettings: {
            schedule: string;
            syncModes: ("FULL" | "ITER")[];
            gzip: boolean;
            splitSizeBytes: number | null;
            /** @enum {string} */
            target: "LOCAL" | "SFTP";
            localDir: string | null;
            sftpHost: string | null;
            sftpPort: number;
            sftpUser: string | null;
            sftpKey: components["schemas"]["SecretState"] | null;
            sftpHostKey: string | null;
            sftpPath: string | null;
            fileNameTemplate: string | null;
            lineTemplate: string | null;
            jsonLine: components["schemas"]["JsonLineLayout"] | null;
        };
        /** @description A server-to-server destination: real-time, batch, or both. */
        S2sSettings: {
            dpid: number;
            accountAlias: string;
            realTime: components["schemas"]["RealTimeSettings"] | null;
            batch: components["schemas"]["BatchSettings"] | null;
        };
        /** @description A destination as stored, secrets shown only as {"set": true}. */
        Destination: {
            id: number;
            name: string;
            description: string;
            type: components["schemas"]["DestinationType"];
            status: components["schemas"]["DestinationStatus"];
            platform: components["schemas"]["Platform"];
            dataExportLabels: components["schemas"]["Label"][];
            autoFill: components["schemas"]["AutoFill"];
            /** @description Also the ETag; send it back as If-Match. */
            version: number;
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            updatedBy: string;
            /** Format: date-time */
            updatedAt: string;
            mappings: components["schemas"]["Mapping"][];
            url: components["schemas"]["UrlSettings"] | null;
            cookie: components["schemas"]["CookieSettings"] | null;
            s2s: components["schemas"]["S2sSettings"] | null;
        };
        /** @description One page of destinations. */
        DestinationPage: {
            total: number;
            limit: number;
            offset: number;
            items: components["schemas"]["Destination"][];
        };
        /** @description The mappings of a destination. */
        MappingList: {
            items: components["schemas"]["Mapping"][];
        };
        /** @description A data source and its data export controls. */
        DataSource: {
            id: number;
            name: string;
            exportControls: components["schemas"]["Label"][];
            version: number;
            updatedBy: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description Every data source. */
        DataSourceList: {
            items: components["schemas"]["DataSource"][];
        };
        /** @description An API token (never its value). */
        Token: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "viewer" | "editor" | "admin";
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            expiresAt: string | null;
        };
        /** @description Every API token. */
        TokenList: {
            items: components["schemas"]["Token"][];
        };
        /** @description A new API token with its value, shown once. */
        CreatedToken: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "viewer" | "editor" | "admin";
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            expiresAt: string | null;
            /** @description The bearer token; shown this once. */
            token: string;
        };
        /** @description What the destination would send for the sample event; nothing is sent. */
        PreviewResult: {
            type: components["schemas"]["DestinationType"];
            /** @description Why a real delivery would not happen, or what it leaves out. */
            notes: string[];
            urls?: {
                url: string;
                sids: number[];
            }[];
            failures?: {
                sids: number[];
                message: string;
            }[];
            /** @enum {string} */
            referrerPolicy?: "HIDE" | "SHOW";
            cookie?: {
                name: string;
                value: string;
                domain: string;
                ttlDays: number;
            };
            included?: number[];
            dropped?: number[];
            /** @description The real-time S2S JSON message. */
            message?: {
                [key: string]: unknown;
            };
            /** @description The same message on one line, as sent. */
            line?: string;
        };
        /** @description Delivery attempts of one destination since its services started. */
        DeliveryFigures: {
            type: string | null;
            sent: number;
            succeeded: number;
            retried: number;
            failed: number;
            byStatusClass: {
                [key: string]: number;
            };
            latency: {
                count: number;
                sumSeconds: number;
                buckets: {
                    le: number | null;
                    count: number;
                }[];
            };
            circuitState: number | null;
        };
        /** @description Batch export runs of one destination and mode since the exporter started. */
        ExportFigures: {
            mode: string;
            runsSucceeded: number;
            runsFailed: number;
            rows: number;
            bytes: number;
            lastSuccessAt: string | null;
            nextDueAt: string | null;
        };
        /** @description Per-destination delivery and export figures, read from the services’ metrics. */
        DeliveryStats: {
            /** @description False when no delivery service answered. */
            available: boolean;
            /** Format: date-time */
            readAt: string;
            sources: {
                url: string;
                ok: boolean;
                error?: string;
            }[];
            destinations: {
                [key: string]: {
                    delivery: components["schemas"]["DeliveryFigures"];
                    exports: components["schemas"]["ExportFigures"][];
                };
            };
        };
        /** @description One batch export run as the s2s exporter records it. */
        ExportRun: {
            id: number;
            destinationId: number;
            /** @enum {string} */
            mode: "full" | "iter";
            /** @enum {string} */
            outcome: "running" | "succeeded" | "failed";
            /** @description Epoch ms. */
            startedAt: number;
            finishedAt: number | null;
            durationMs: number | null;
            /** @description Published data files, then the .info manifest. */
            files: string[];
            userCount: number;
            lineCount: number;
            /** @description Bytes of the data files as published (manifest excluded). */
            byteCount: number;
            watermarkFrom: number;
            watermarkTo: number;
            error: string | null;
        };
        /** @description Export runs of a batch S2S destination, newest first. */
        ExportHistory: {
            /** @description False when the exporter is not configured or did not answer. */
            available: boolean;
            error?: string;
            exports: components["schemas"]["ExportRun"][];
        };
        /** @description A partner layout Adobe documents, as a destination body to start from. */
        DestinationTemplate: {
            id: string;
            name: string;
            description: string;
            /** @description The public page the layout comes from (docs/partners.md). */
            source: {
                title: string;
                /** Format: uri */
                url: string;
            };
            /** @description What only you know: fill these in before saving. */
            fillIns: {
                /** @description JSON pointer into body. */
                pointer: string;
                hint: string;
            }[];
            body: components["schemas"]["DestinationInput"];
        };
        /** @description Every destination template. */
        DestinationTemplateList: {
            items: components["schemas"]["DestinationTemplate"][];
        };
        /**
         * @description A segment mapped to a destination (SPEC §3).
         * @example {
         *       "sid": 1201,
         *       "value": "sports-fans",
         *       "startDate": "2026-01-01",
         *       "endDate": null
         *     }
         */
        MappingInput: {
            /** @description Segment id. */
            sid: number;
            value?: string;
            /** @description Used as the value when autoFill is INTEGRATION_CODE and no value is given. */
            integrationCode?: string;
            /** @description YYYY-MM-DD, UTC. */
            startDate: string;
            endDate?: string | null;
            priority?: number | null;
            key?: string | null;
            url?: string | null;
            secureUrl?: string | null;
        };
        /**
         * @description A destination as written by POST and PUT (PUT keeps the mappings when omitted).
         * @example {
         *       "name": "Partner pixel",
         *       "type": "URL",
         *       "platform": "BROWSER",
         *       "autoFill": "SEGMENT_ID",
         *       "url": {
         *         "serialize": true,
         *         "baseUrl": "http://pixel.partner.example/p?segs=%alias%",
         *         "secureUrl": "https://pixel.partner.example/p?segs=%alias%",
         *         "delimiter": ","
         *       },
         *       "mappings": [
         *         {
         *           "sid": 1201,
         *           "startDate": "2026-01-01"
         *         }
         *       ]
         *     }
         */
        DestinationInput: {
            name: string;
            description?: string;
            type: components["schemas"]["DestinationType"];
            status?: components["schemas"]["DestinationStatus"];
            platform?: components["schemas"]["Platform"];
            dataExportLabels?: components["schemas"]["Label"][];
            autoFill?: components["schemas"]["AutoFill"];
            mappings?: components["schemas"]["MappingInput"][];
            url?: {
                serialize: boolean;
                baseUrl?: string | null;
                secureUrl?: string | null;
                delimiter?: string;
                /** @enum {string} */
                referrerPolicy?: "HIDE" | "SHOW";
            } | null;
            cookie?: {
                name: string;
                domain?: string | null;
                /** @enum {string} */
                publishTo?: "ALL" | "ONLY_LISTED" | "ALL_EXCEPT_LISTED";
                publishDomains?: string[];
                /** @enum {string} */
                dataFormat: "SINGLE_KEY" | "MULTI_KEY";
                key?: string | null;
                keySeparator?: string;
                pairSeparator?: string;
                serialize?: boolean;
                serialSeparator?: string;
                maxSizeBytes?: number;
                ttlDays?: number;
            } | null;
            s2s?: {
                dpid: number;
                accountAlias: string;
                realTime?: {
                    endpoint: string;
                    /** @enum {string} */
                    auth?: "NONE" | "OAUTH2" | "HMAC";
                    oauthTokenUrl?: string | null;
                    oauthClientId?: string | null;
                    oauthClientSecret?: string | null;
                    /** @enum {string} */
                    hmacAlgorithm?: "SHA256" | "SHA1";
                    hmacHeader?: string | null;
                    hmacKey?: string | null;
                    /**
                     * @description How the key text becomes the key bytes: UTF8 (default) = its UTF-8 bytes; BASE64 = the text base64-decoded (standard or URL-safe), as many partners hand keys out. Changing it needs the key sent again.
                     * @enum {string}
                     */
                    hmacKeyEncoding?: "UTF8" | "BASE64";
                    usersPerRequest?: number;
                    flushIntervalMs?: number;
                    timeoutMs?: number;
                } | null;
                batch?: {
                    schedule: string;
                    syncModes: ("FULL" | "ITER")[];
                    gzip?: boolean;
                    splitSizeBytes?: number | null;
                    /** @enum {string} */
                    target: "LOCAL" | "SFTP";
                    localDir?: string | null;
                    sftpHost?: string | null;
                    sftpPort?: number;
                    sftpUser?: string | null;
                    sftpKey?: string | null;
                    sftpHostKey?: string | null;
                    sftpPath?: string | null;
                    fileNameTemplate?: string | null;
                    lineTemplate?: string | null;
                    jsonLine?: {
                        /** @description The user's fields, in order. Placeholders: {dpuuid} the partner user id (the ID sync in the destination namespace); {uuid} the AAM device id; {dpid} the destination namespace (a number when alone); {destinationId} the destination id (a number when alone); {pidAlias} the account alias on the partner platform. */
                        fields: {
                            [key: string]: string | number | boolean;
                        };
                        /** @description Key of the array of segment entries, written after the user's fields. */
                        segmentsField: string;
                        /** @description A live segment's entry. Placeholders: the user's and {value} the mapping value of the segment; {sid} the segment id (a number when alone); {status} 1 for a live segment, 0 for a removed one, as AAM real-time messages (a number when alone); {updatedAt} when the membership last changed, epoch milliseconds (a number when alone); {updatedAtSeconds} the same in epoch seconds (a number when alone). */
                        segment: {
                            [key: string]: string | number | boolean;
                        };
                        removed?: {
                            [key: string]: string | number | boolean;
                        } | null;
                    } | null;
                } | null;
            } | null;
        };
        /**
         * @example {
         *       "mappings": [
         *         {
         *           "sid": 1201,
         *           "startDate": "2026-01-01"
         *         },
         *         {
         *           "sid": 1202,
         *           "value": "auto-intenders",
         *           "startDate": "2026-01-01",
         *           "endDate": "2026-12-31"
         *         }
         *       ]
         *     }
         */
        MappingsInput: {
            mappings: components["schemas"]["MappingInput"][];
        };
        /**
         * @description The mapping of one segment, replaced (PUT).
         * @example {
         *       "value": "sports-fans",
         *       "startDate": "2026-01-01",
         *       "endDate": "2026-06-30",
         *       "priority": 2
         *     }
         */
        MappingUpdate: {
            value?: string;
            /** @description Used as the value when autoFill is INTEGRATION_CODE and no value is given. */
            integrationCode?: string;
            /** @description YYYY-MM-DD, UTC. */
            startDate: string;
            endDate?: string | null;
            priority?: number | null;
            key?: string | null;
            url?: string | null;
            secureUrl?: string | null;
        };
        /**
         * @description A JSON Merge Patch (RFC 7396) of a destination: members given replace, `null` removes an optional member (a write-only secret: removes it), arrays (mappings too) replace as a whole. If-Match required.
         * @example {
         *       "status": "PAUSED",
         *       "description": "paused while the partner migrates"
         *     }
         */
        DestinationPatch: {
            name?: string;
            description?: string | null;
            type?: components["schemas"]["DestinationType"];
            status?: components["schemas"]["DestinationStatus"] | null;
            platform?: components["schemas"]["Platform"] | null;
            dataExportLabels?: components["schemas"]["Label"][] | null;
            autoFill?: components["schemas"]["AutoFill"] | null;
            mappings?: components["schemas"]["MappingInput"][] | null;
            url?: {
                serialize?: boolean;
                baseUrl?: string | null;
                secureUrl?: string | null;
                delimiter?: string | null;
                referrerPolicy?: ("HIDE" | "SHOW") | null;
            } | null;
            cookie?: {
                name?: string;
                domain?: string | null;
                publishTo?: ("ALL" | "ONLY_LISTED" | "ALL_EXCEPT_LISTED") | null;
                publishDomains?: string[] | null;
                /** @enum {string} */
                dataFormat?: "SINGLE_KEY" | "MULTI_KEY";
                key?: string | null;
                keySeparator?: string | null;
                pairSeparator?: string | null;
                serialize?: boolean | null;
                serialSeparator?: string | null;
                maxSizeBytes?: number | null;
                ttlDays?: number | null;
            } | null;
            s2s?: {
                dpid?: number;
                accountAlias?: string;
                realTime?: {
                    endpoint?: string;
                    auth?: ("NONE" | "OAUTH2" | "HMAC") | null;
                    oauthTokenUrl?: string | null;
                    oauthClientId?: string | null;
                    oauthClientSecret?: string | null;
                    hmacAlgorithm?: ("SHA256" | "SHA1") | null;
                    hmacHeader?: string | null;
                    hmacKey?: string | null;
                    hmacKeyEncoding?: ("UTF8" | "BASE64") | null;
                    usersPerRequest?: number | null;
                    flushIntervalMs?: number | null;
                    timeoutMs?: number | null;
                } | null;
                batch?: {
                    schedule?: string;
                    syncModes?: ("FULL" | "ITER")[];
                    gzip?: boolean | null;
                    splitSizeBytes?: number | null;
                    /** @enum {string} */
                    target?: "LOCAL" | "SFTP";
                    localDir?: string | null;
                    sftpHost?: string | null;
                    sftpPort?: number | null;
                    sftpUser?: string | null;
                    sftpKey?: string | null;
                    sftpHostKey?: string | null;
                    sftpPath?: string | null;
                    fileNameTemplate?: string | null;
                    lineTemplate?: string | null;
                    jsonLine?: {
                        /** @description The user's fields, in order. Placeholders: {dpuuid} the partner user id (the ID sync in the destination namespace); {uuid} the AAM device id; {dpid} the destination namespace (a number when alone); {destinationId} the destination id (a number when alone); {pidAlias} the account alias on the partner platform. */
                        fields?: {
                            [key: string]: (string | number | boolean) | null;
                        };
                        /** @description Key of the array of segment entries, written after the user's fields. */
                        segmentsField?: string;
                        /** @description A live segment's entry. Placeholders: the user's and {value} the mapping value of the segment; {sid} the segment id (a number when alone); {status} 1 for a live segment, 0 for a removed one, as AAM real-time messages (a number when alone); {updatedAt} when the membership last changed, epoch milliseconds (a number when alone); {updatedAtSeconds} the same in epoch seconds (a number when alone). */
                        segment?: {
                            [key: string]: (string | number | boolean) | null;
                        };
                        removed?: {
                            [key: string]: string | number | boolean;
                        } | null;
                    } | null;
                } | null;
            } | null;
        };
        /**
         * @description A JSON Merge Patch (RFC 7396) of one mapping: `null` removes an optional member.
         * @example {
         *       "endDate": "2026-12-31",
         *       "priority": null
         *     }
         */
        MappingPatch: {
            value?: string | null;
            integrationCode?: string | null;
            /** @description YYYY-MM-DD, UTC. */
            startDate?: string;
            endDate?: string | null;
            priority?: number | null;
            key?: string | null;
            url?: string | null;
            secureUrl?: string | null;
        };
        /**
         * @description The data export controls of a data source (SPEC §6).
         * @example {
         *       "name": "CRM",
         *       "exportControls": [
         *         "PII",
         *         "OFFSITE_TARGETING"
         *       ]
         *     }
         */
        DataSourceInput: {
            name?: string;
            /** @description Prohibited data export labels. */
            exportControls: components["schemas"]["Label"][];
        };
        /**
         * @description A new API token.
         * @example {
         *       "name": "ci-deployer",
         *       "role": "editor",
         *       "expiresAt": "2027-06-30T00:00:00Z"
         *     }
         */
        TokenInput: {
            name: string;
            /** @enum {string} */
            role: "viewer" | "editor" | "admin";
            /**
             * Format: date-time
             * @description ISO-8601, in the future; omitted = until revoked.
             */
            expiresAt?: string;
        };
        /** @description A qualification event to render; defaults fill the rest. */
        SampleEvent: {
            uuid?: string;
            /** @enum {string} */
            platform?: "browser" | "android" | "ios";
            region?: number | null;
            /** @enum {string} */
            pageProtocol?: "HTTPS" | "HTTP";
            realTime?: boolean;
            mcid?: string | null;
            partnerIds?: {
                dpid: number;
                id: string;
            }[];
            consent?: {
                gdprApplies: boolean;
                tcString: string | null;
            } | null;
            optedOut?: boolean;
            segments: {
                sid: number;
                /** @enum {string} */
                status: "QUALIFIED" | "ACTIVE" | "DISQUALIFIED";
                /** Format: date-time */
                updatedAt?: string;
            }[];
        };
        /**
         * @example {
         *       "event": {
         *         "segments": [
         *           {
         *             "sid": 1201,
         *             "status": "QUALIFIED"
         *           }
         *         ],
         *         "partnerIds": [
         *           {
         *             "dpid": 9001,
         *             "id": "p-1"
         *           }
         *         ]
         *       }
         *     }
         */
        PreviewRequest: {
            event: components["schemas"]["SampleEvent"];
            /**
             * Format: date-time
             * @description When the event happens (mapping dates); default now.
             */
            at?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type DestinationType = components['schemas']['DestinationType'];
export type DestinationStatus = components['schemas']['DestinationStatus'];
export type Platform = components['schemas']['Platform'];
export type AutoFill = components['schemas']['AutoFill'];
export type Label = components['schemas']['Label'];
export type JsonLineLayout = components['schemas']['JsonLineLayout'];
export type Issue = components['schemas']['Issue'];
export type Error = components['schemas']['Error'];
export type SecretState = components['schemas']['SecretState'];
export type Mapping = components['schemas']['Mapping'];
export type UrlSettings = components['schemas']['UrlSettings'];
export type CookieSettings = components['schemas']['CookieSettings'];
export type RealTimeSettings = components['schemas']['RealTimeSettings'];
export type BatchSettings = components['schemas']['BatchSettings'];
export type S2sSettings = components['schemas']['S2sSettings'];
export type Destination = components['schemas']['Destination'];
export type DestinationPage = components['schemas']['DestinationPage'];
export type MappingList = components['schemas']['MappingList'];
export type DataSource = components['schemas']['DataSource'];
export type DataSourceList = components['schemas']['DataSourceList'];
export type Token = components['schemas']['Token'];
export type TokenList = components['schemas']['TokenList'];
export type CreatedToken = components['schemas']['CreatedToken'];
export type PreviewResult = components['schemas']['PreviewResult'];
export type DeliveryFigures = components['schemas']['DeliveryFigures'];
export type ExportFigures = components['schemas']['ExportFigures'];
export type DeliveryStats = components['schemas']['DeliveryStats'];
export type ExportRun = components['schemas']['ExportRun'];
export type ExportHistory = components['schemas']['ExportHistory'];
export type DestinationTemplate = components['schemas']['DestinationTemplate'];
export type DestinationTemplateList = components['schemas']['DestinationTemplateList'];
export type MappingInput = components['schemas']['MappingInput'];
export type DestinationInput = components['schemas']['DestinationInput'];
export type MappingsInput = components['schemas']['MappingsInput'];
export type MappingUpdate = components['schemas']['MappingUpdate'];
export type DestinationPatch = components['schemas']['DestinationPatch'];
export type MappingPatch = components['schemas']['MappingPatch'];
export type DataSourceInput = components['schemas']['DataSourceInput'];
export type TokenInput = components['schemas']['TokenInput'];
export type SampleEvent = components['schemas']['SampleEvent'];
export type PreviewRequest = components['schemas']['PreviewRequest'];
export type $defs = Record<string, never>;
export interface operations {
    listDestinations: {
        parameters: {
            query?: {
                /** @description URL, COOKIE or S2S (any case). */
                type?: string;
                status?: string;
                containsSegment?: string;
                q?: string;
                limit?: string;
                offset?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of destinations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DestinationPage"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createDestination: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DestinationInput"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    /** @description The URL of the created resource. */
                    location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request breaks configuration rules; `issues` say where. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination. */
            200: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replaceDestination: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read. Required: without it the answer is 428; a stale one is answered 412. */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DestinationInput"];
            };
        };
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request breaks configuration rules; `issues` say where. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match is required: send the ETag you read. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteDestination: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read. Required: without it the answer is 428; a stale one is answered 412. */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match is required: send the ETag you read. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchDestination: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read. Required: without it the answer is 428; a stale one is answered 412. */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["DestinationPatch"];
                "application/json": components["schemas"]["DestinationPatch"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request breaks configuration rules; `issues` say where. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match is required: send the ETag you read. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMappings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The mappings. */
            200: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MappingList"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change then applies only to that version (412 otherwise). Without it the change is merged into the latest version. */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MappingInput"];
            };
        };
        responses: {
            /** @description The destination with the change; its new ETag in the header. */
            201: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (e.g. the segment is already mapped); `issues` say where. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request breaks configuration rules; `issues` say where. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addMappings: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change then applies only to that version (412 otherwise). Without it the change is merged into the latest version. */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MappingsInput"];
            };
        };
        responses: {
            /** @description The destination with the change; its new ETag in the header. */
            201: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request conflicts with the current state (e.g. the segment is already mapped); `issues` say where. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request breaks configuration rules; `issues` say where. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replaceMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change then applies only to that version (412 otherwise). Without it the change is merged into the latest version. */
                "if-match"?: string;
            };
            path: {
                id: string;
                sid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MappingUpdate"];
            };
        };
        responses: {
            /** @description The destination with the change; its new ETag in the header. */
            200: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request breaks configuration rules; `issues` say where. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change then applies only to that version (412 otherwise). Without it the change is merged into the latest version. */
                "if-match"?: string;
            };
            path: {
                id: string;
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination with the change; its new ETag in the header. */
            200: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change then applies only to that version (412 otherwise). Without it the change is merged into the latest version. */
                "if-match"?: string;
            };
            path: {
                id: string;
                sid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["MappingPatch"];
                "application/json": components["schemas"]["MappingPatch"];
            };
        };
        responses: {
            /** @description The destination with the change; its new ETag in the header. */
            200: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request breaks configuration rules; `issues` say where. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewRequest"];
            };
        };
        responses: {
            /** @description What would be sent; nothing is sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewResult"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDataSources: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every data source. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSourceList"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDataSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The data source. */
            200: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSource"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putDataSource: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read. Required: without it the answer is 428; a stale one is answered 412. */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DataSourceInput"];
            };
        };
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSource"];
                };
            };
            /** @description Created. */
            201: {
                headers: {
                    /** @description The version, quoted ("3"); send it back as If-Match. */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSource"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request breaks configuration rules; `issues` say where. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match is required: send the ETag you read. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteDataSource: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read. Required: without it the answer is 428; a stale one is answered 412. */
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match names a version that is no longer current: read the resource again and retry. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description If-Match is required: send the ETag you read. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every token, never its value. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenList"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenInput"];
            };
        };
        responses: {
            /** @description Created; the token is in this answer only. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedToken"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request breaks configuration rules; `issues` say where. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token’s role may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDestinationTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every template. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DestinationTemplateList"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDestinationTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DestinationTemplate"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDeliveryStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures (available: false when no service answered). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryStats"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getExportHistory: {
        parameters: {
            query?: {
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The runs (available: false when the exporter did not answer). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportHistory"];
                };
            };
            /** @description The request does not match the schema; `issues` say where. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The build. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: string;
                        commit: string;
                        builtAt: string | null;
                        node: string;
                        /** @enum {string} */
                        runtime: "compiled" | "source";
                    };
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every liveness check passes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "failing";
                        checks: {
                            [key: string]: boolean;
                        };
                    };
                };
            };
            /** @description A liveness check fails. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "failing";
                        checks: {
                            [key: string]: boolean;
                        };
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every readiness check passes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready" | "not_ready";
                        checks: {
                            [key: string]: boolean;
                        };
                    };
                };
            };
            /** @description A readiness check fails. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready" | "not_ready";
                        checks: {
                            [key: string]: boolean;
                        };
                    };
                };
            };
        };
    };
}
