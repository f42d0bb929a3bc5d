/// The OpenAPI 3.1 description of the registry API, served at `/api/v1/openapi.json`.
///
/// Kept as one literal next to the routes; `RegistryAPITests` fails when a route exists that this
/// document lacks, or the reverse.
enum OpenAPIDocument {
    static let bytes: [UInt8] = Array(text.utf8)

    static let text = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Allot API",
            "version": "1.0.0",
            "description": "Citizen panel registry (市民代表库): enrollment, a citizen's own record, the pool listing and API tokens. Errors are {\"error\":{\"code\",\"message\"}}."
          },
          "servers": [{"url": "/"}],
          "components": {
            "securitySchemes": {
              "bearer": {"type": "http", "scheme": "bearer", "description": "256-bit token shown once: staff tokens from `allot token create` or POST /api/v1/tokens, citizen tokens from enrollment"}
            },
            "schemas": {
              "Error": {
                "type": "object", "required": ["error"],
                "properties": {"error": {"type": "object", "required": ["code", "message"],
                  "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}
              },
              "Labels": {"type": "object", "required": ["zh", "en"], "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}},
              "Schema": {
                "type": "object", "required": ["attributes", "age"],
                "properties": {
                  "attributes": {"type": "array", "items": {"type": "object", "required": ["name", "labels", "values"],
                    "properties": {"name": {"type": "string"}, "labels": {"$ref": "#/components/schemas/Labels"},
                      "values": {"type": "array", "items": {"type": "object", "required": ["code", "labels"],
                        "properties": {"code": {"type": "string"}, "labels": {"$ref": "#/components/schemas/Labels"}}}}}}},
                  "age": {"type": "object", "required": ["minimum", "bands"],
                    "properties": {"minimum": {"type": "integer"},
                      "rule": {"type": "string", "description": "how age is counted: the age reached in the calendar year (of the event; otherwise the current year)"},
                      "bands": {"type": "array", "items": {"type": "object",
                      "required": ["code", "min"], "properties": {"code": {"type": "string"}, "min": {"type": "integer"}, "max": {"type": "integer"}}}}}}
                }
              },
              "Enrollment": {
                "type": "object", "additionalProperties": false,
                "required": ["name", "phone", "birthYear", "attributes", "consent"],
                "properties": {
                  "name": {"type": "string", "minLength": 1, "pattern": "^[^\\n\\r]*$"},
                  "phone": {"type": "string", "description": "mainland mobile number: 1[3-9] and nine digits; +86, 0086, spaces and hyphens allowed",
                    "pattern": "^[ -]*(\\+[ -]*8[ -]*6|0[ -]*0[ -]*8[ -]*6|8[ -]*6)?[ -]*1[ -]*[3-9]([ -]*[0-9]){9}[ -]*$"},
                  "email": {"type": "string"}, "birthYear": {"type": "integer"},
                  "attributes": {"type": "object", "additionalProperties": {"type": "string"}, "description": "attribute name → value code or label"},
                  "consent": {"type": "boolean", "description": "must be true; missing, null or false is 422 consent_required"}
                }
              },
              "EnrollmentReceipt": {"type": "object", "required": ["pid", "token"], "properties": {"pid": {"type": "string"}, "token": {"type": "string"}}},
              "PersonUpdate": {
                "type": "object", "additionalProperties": false,
                "properties": {"name": {"type": "string", "minLength": 1, "pattern": "^[^\\n\\r]*$"},
                  "phone": {"type": "string", "pattern": "^[ -]*(\\+[ -]*8[ -]*6|0[ -]*0[ -]*8[ -]*6|8[ -]*6)?[ -]*1[ -]*[3-9]([ -]*[0-9]){9}[ -]*$"},
                  "email": {"type": ["string", "null"], "description": "null or an empty string removes the e-mail address"},
                  "birthYear": {"type": "integer"}, "attributes": {"type": "object", "additionalProperties": {"type": "string"}}}
              },
              "Person": {
                "type": "object", "required": ["pid", "status", "birthYear", "attributes", "enrolledAt"],
                "properties": {
                  "pid": {"type": "string"}, "status": {"type": "string", "enum": ["active", "withdrawn"]},
                  "birthYear": {"type": "integer"}, "ageBand": {"type": "string"},
                  "attributes": {"type": "object", "additionalProperties": {"type": "string"}},
                  "enrolledAt": {"type": "string"}, "withdrawnAt": {"type": "string"},
                  "contact": {"type": "object", "required": ["name", "phone"],
                    "properties": {"name": {"type": "string"}, "phone": {"type": "string"}, "email": {"type": "string"}}}
                }
              },
              "PeoplePage": {
                "type": "object", "required": ["people", "total"],
                "properties": {"people": {"type": "array", "items": {"$ref": "#/components/schemas/Person"}},
                  "total": {"type": "integer"}, "next": {"type": "string", "description": "cursor for the next page (pass as after)"}}
              },
              "TokenRequest": {"type": "object", "additionalProperties": false, "required": ["role"],
                "properties": {"role": {"type": "string", "enum": ["admin", "organizer", "evaluator"]}, "label": {"type": ["string", "null"]}}},
              "TokenEntry": {"type": "object", "required": ["id", "role", "createdAt"],
                "properties": {"id": {"type": "integer"}, "role": {"type": "string"}, "label": {"type": "string"}, "createdAt": {"type": "string"}}},
              "TokenCreated": {"type": "object", "required": ["token", "role"],
                "properties": {"token": {"type": "string"}, "role": {"type": "string"}, "label": {"type": "string"}}},
              "QuotaEdit": {"type": "object", "required": ["attribute", "value", "min", "max"], "additionalProperties": false,
                "properties": {"attribute": {"type": "string"}, "value": {"type": "string"}, "min": {"type": "integer", "minimum": 0}, "max": {"type": "integer", "minimum": 0}}},
              "JointQuotaInput": {"type": "object", "required": ["attribute1", "value1", "attribute2", "value2", "min", "max"], "additionalProperties": false,
                "properties": {"attribute1": {"type": "string"}, "value1": {"type": "string"}, "attribute2": {"type": "string"}, "value2": {"type": "string"},
                  "min": {"type": "integer", "minimum": 0}, "max": {"type": "integer", "minimum": 0}}},
              "Eligibility": {"type": "object", "properties": {"attributes": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                "minimumAge": {"type": "integer", "minimum": 0, "maximum": 150}}},
              "EventDraft": {
                "type": "object", "additionalProperties": false,
                "required": ["title", "department", "kind", "startsAt", "place", "seats"],
                "properties": {
                  "title": {"type": "string", "minLength": 1, "maxLength": 200}, "titleEn": {"type": "string", "maxLength": 200},
                  "department": {"type": "string", "minLength": 1, "maxLength": 200},
                  "kind": {"type": "string", "enum": ["open_day", "hearing", "consultation", "meeting", "other"]},
                  "startsAt": {"type": "string", "description": "Asia/Shanghai local time YYYY-MM-DDTHH:MM"},
                  "place": {"type": "string", "minLength": 1, "maxLength": 200},
                  "seats": {"type": "integer", "minimum": 1, "maximum": 10000}, "reserves": {"type": "integer", "minimum": 0, "maximum": 100000},
                  "responseDeadline": {"type": "string"}, "cooldownDays": {"type": "integer", "minimum": 0, "maximum": 3650},
                  "eligibility": {"$ref": "#/components/schemas/Eligibility"},
                  "targets": {"type": "string", "const": "", "description": "\"\" for no targets file; absent: the server's configured one"},
                  "quotas": {"type": "array", "items": {"$ref": "#/components/schemas/QuotaEdit"}},
                  "unconstrained": {"type": "array", "items": {"type": "string"}},
                  "joint": {"type": "array", "items": {"$ref": "#/components/schemas/JointQuotaInput"}}
                }
              },
              "EventChanges": {
                "type": "object", "additionalProperties": false,
                "properties": {
                  "title": {"type": "string"}, "titleEn": {"type": "string"}, "department": {"type": "string"},
                  "kind": {"type": "string", "enum": ["open_day", "hearing", "consultation", "meeting", "other"]},
                  "startsAt": {"type": "string"}, "place": {"type": "string"}, "seats": {"type": "integer", "minimum": 1, "maximum": 10000},
                  "reserves": {"type": "integer", "minimum": 0}, "responseDeadline": {"type": "string"}, "cooldownDays": {"type": "integer", "minimum": 0},
                  "eligibility": {"$ref": "#/components/schemas/Eligibility"},
                  "quotas": {"type": "array", "items": {"$ref": "#/components/schemas/QuotaEdit"}},
                  "unconstrained": {"type": "array", "items": {"type": "string"}},
                  "joint": {"type": "array", "items": {"$ref": "#/components/schemas/JointQuotaInput"}}
                }
              },
              "ValueSeats": {"type": "object", "required": ["attribute", "value", "min", "max", "origin"],
                "properties": {"attribute": {"type": "string"}, "value": {"type": "string"}, "min": {"type": "integer"}, "max": {"type": "integer"},
                  "origin": {"type": "string", "enum": ["derived", "explicit", "unconstrained", "missing"]}, "share": {"type": "number"},
                  "shareRange": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}, "note": {"type": "string"}}},
              "Event": {
                "type": "object",
                "required": ["id", "title", "department", "kind", "startsAt", "place", "seats", "reserves", "cooldownDays", "eligibility", "quotas", "status", "createdAt", "updatedAt"],
                "properties": {
                  "id": {"type": "integer"}, "title": {"type": "string"}, "titleEn": {"type": "string"}, "department": {"type": "string"},
                  "kind": {"type": "string"}, "startsAt": {"type": "string"}, "place": {"type": "string"}, "seats": {"type": "integer"},
                  "reserves": {"type": "integer"}, "responseDeadline": {"type": "string"}, "cooldownDays": {"type": "integer"},
                  "eligibility": {"$ref": "#/components/schemas/Eligibility"},
                  "quotas": {"type": "object", "required": ["values", "joint"], "properties": {"targets": {"type": "string"},
                    "values": {"type": "array", "items": {"$ref": "#/components/schemas/ValueSeats"}}, "joint": {"type": "array", "items": {"type": "object"}}}},
                  "status": {"type": "string", "enum": ["draft", "prepared", "drawn", "closed", "cancelled"]},
                  "createdAt": {"type": "string"}, "updatedAt": {"type": "string"}
                }
              },
              "Diagnosed": {
                "type": "object", "required": ["error"],
                "properties": {"error": {"type": "object", "required": ["code", "message"],
                  "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                    "conflicts": {"type": "array", "items": {"type": "object", "required": ["kind", "message"], "properties": {"kind": {"type": "string"}, "message": {"type": "string"}}}},
                    "relaxations": {"type": "array", "items": {"type": "object"}}}}}
              },
              "Eligible": {
                "type": "object", "required": ["eventId", "seats", "registryActive", "eligible", "excluded", "values", "missingQuotas"],
                "properties": {
                  "eventId": {"type": "integer"}, "seats": {"type": "integer"}, "registryActive": {"type": "integer"}, "eligible": {"type": "integer"},
                  "excluded": {"type": "array", "items": {"type": "object", "required": ["reason", "count"], "properties": {
                    "reason": {"type": "string", "enum": ["below_minimum_age", "no_age_band", "outside_filter", "cooldown", "open_invitation"]}, "count": {"type": "integer"}}}},
                  "values": {"type": "array", "items": {"type": "object"}}, "missingQuotas": {"type": "array", "items": {"type": "string"}},
                  "feasible": {"type": "boolean"}, "infeasible": {"type": "object"}
                }
              },
              "Draw": {
                "type": "object", "required": ["eventId", "round", "algorithm", "lotterySize", "beaconSource", "preparedAt", "poolDigest", "lotteryDigest", "termsDigest", "poolSize"],
                "properties": {
                  "eventId": {"type": "integer"}, "round": {"type": "integer"}, "algorithm": {"type": "string"}, "lotterySize": {"type": "integer"},
                  "beaconSource": {"type": "string"}, "preparedAt": {"type": "string"},
                  "poolDigest": {"type": "string"}, "lotteryDigest": {"type": "string"}, "termsDigest": {"type": "string"},
                  "poolSize": {"type": "integer"}, "types": {"type": "integer"}, "minProbability": {"type": "number"}, "maxProbability": {"type": "number"},
                  "lotteryDeviation": {"type": "number"}, "beacon": {"type": "string"}, "seed": {"type": "string"}, "panelIndex": {"type": "integer"},
                  "panel": {"type": "array", "items": {"type": "string"}}, "reserveCount": {"type": "integer"}, "finalizedAt": {"type": "string"}
                }
              },
              "Job": {
                "type": "object", "required": ["id", "eventId", "status", "progress", "startedAt"],
                "properties": {"id": {"type": "integer"}, "eventId": {"type": "integer"}, "status": {"type": "string", "enum": ["running", "succeeded", "failed"]},
                  "progress": {"type": "string"}, "startedAt": {"type": "string"}, "finishedAt": {"type": "string"},
                  "draw": {"$ref": "#/components/schemas/Draw"}, "error": {"type": "object"}}
              },
              "Invitation": {"type": "object", "required": ["eventId", "pid", "state", "source", "checkinCode", "invitedAt"],
                "properties": {"eventId": {"type": "integer"}, "pid": {"type": "string"},
                  "state": {"type": "string", "enum": ["invited", "accepted", "declined", "expired", "cancelled", "attended", "no_show"]},
                  "source": {"type": "integer", "description": "0 panel, 1 replacement, 2 top-up"}, "checkinCode": {"type": "string"},
                  "deadline": {"type": "string"}, "invitedAt": {"type": "string"}, "respondedAt": {"type": "string"}, "attendedAt": {"type": "string"}}},
              "InvitationList": {"type": "object", "required": ["eventId", "seats", "invitations", "counts", "held", "open"],
                "properties": {"eventId": {"type": "integer"}, "seats": {"type": "integer"}, "invitations": {"type": "array", "items": {"$ref": "#/components/schemas/Invitation"}},
                  "counts": {"type": "object", "additionalProperties": {"type": "integer"}}, "held": {"type": "integer"}, "open": {"type": "integer"}}},
              "CitizenInvitation": {"type": "object", "required": ["eventId", "title", "startsAt", "place", "department", "pid", "state", "feedbackOpen"],
                "properties": {"eventId": {"type": "integer"}, "title": {"type": "string"}, "titleEn": {"type": "string"}, "startsAt": {"type": "string"},
                  "place": {"type": "string"}, "department": {"type": "string"}, "pid": {"type": "string"}, "state": {"type": "string"},
                  "deadline": {"type": "string"}, "checkinCode": {"type": "string"}, "feedbackOpen": {"type": "boolean"}}},
              "Feedback": {"type": "object", "required": ["overall", "information", "heard", "again"], "additionalProperties": false,
                "properties": {"overall": {"type": "integer", "minimum": 1, "maximum": 5}, "information": {"type": "integer", "minimum": 1, "maximum": 5},
                  "heard": {"type": "integer", "minimum": 1, "maximum": 5}, "again": {"type": "boolean"}, "comment": {"type": "string", "maxLength": 2000},
                  "suggestions": {"type": "array", "maxItems": 20, "items": {"type": "object", "required": ["topic", "text"],
                    "properties": {"topic": {"type": "string", "maxLength": 100}, "text": {"type": "string", "maxLength": 2000}}}}}},
              "Suggestion": {"type": "object", "required": ["id", "eventId", "topic", "text", "status", "createdAt"],
                "properties": {"id": {"type": "integer"}, "eventId": {"type": "integer"}, "topic": {"type": "string"}, "text": {"type": "string"},
                  "status": {"type": "string", "enum": ["received", "under_review", "adopted", "partially_adopted", "not_adopted"]},
                  "reply": {"type": "string"}, "repliedAt": {"type": "string"}, "createdAt": {"type": "string"}}},
              "DrawRecord": {"type": "object", "description": "INTERFACE.md §5 allot-draw-v1 record",
                "required": ["protocol", "eventId", "panelSize", "quotas", "pool", "poolDigest", "algorithm", "lottery", "lotteryDigest", "beacon", "seed", "panelIndex", "panel", "reserves", "probabilities", "preparedAt", "finalizedAt"]},
              "CellCount": {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^<[0-9]+$"}],
                "description": "a per-group head count; from 1 to threshold−1 it is the string \"<threshold\" (small-cell protection)"},
              "SmallCells": {"type": "object", "required": ["threshold", "rule"], "properties": {"threshold": {"type": "integer"}, "rule": {"type": "string"}}},
              "ParticipationCounts": {"type": "object",
                "properties": {"invited": {"$ref": "#/components/schemas/CellCount"}, "accepted": {"$ref": "#/components/schemas/CellCount"},
                  "declined": {"$ref": "#/components/schemas/CellCount"}, "expired": {"$ref": "#/components/schemas/CellCount"},
                  "cancelled": {"$ref": "#/components/schemas/CellCount"}, "open": {"$ref": "#/components/schemas/CellCount"},
                  "replacements": {"$ref": "#/components/schemas/CellCount"}, "attended": {"$ref": "#/components/schemas/CellCount"},
                  "noShow": {"$ref": "#/components/schemas/CellCount"}, "acceptanceRate": {"type": ["number", "null"]}, "attendanceRate": {"type": ["number", "null"]}}},
              "SatisfactionStats": {"type": "object",
                "properties": {"responses": {"$ref": "#/components/schemas/CellCount"}, "attended": {"$ref": "#/components/schemas/CellCount"},
                  "responseRate": {"type": ["number", "null"]}, "overall": {"type": ["number", "null"]}, "information": {"type": ["number", "null"]},
                  "heard": {"type": ["number", "null"]}, "again": {"type": ["number", "null"]},
                  "distribution": {"type": "array", "items": {"$ref": "#/components/schemas/CellCount"}, "description": "overall scores 1…5"}}},
              "EventReport": {
                "type": "object", "required": ["event", "generatedAt", "smallCells", "stages", "composition", "participation", "satisfaction", "suggestions"],
                "description": "aggregates and pseudonymous counts only; never a name, phone or e-mail",
                "properties": {
                  "event": {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "titleEn": {"type": "string"},
                    "department": {"type": "string"}, "kind": {"type": "string"}, "startsAt": {"type": "string"}, "seats": {"type": "integer"}, "status": {"type": "string"}}},
                  "generatedAt": {"type": "string"}, "smallCells": {"$ref": "#/components/schemas/SmallCells"},
                  "stages": {"type": "array", "items": {"type": "object", "properties": {"stage": {"type": "string", "enum": ["registry", "pool", "panel", "invited", "accepted", "attended"]}, "total": {"type": "integer"}}}},
                  "composition": {"type": "array", "items": {"type": "object", "properties": {
                    "attribute": {"type": "string"}, "labels": {"$ref": "#/components/schemas/Labels"},
                    "values": {"type": "array", "items": {"type": "object", "properties": {"value": {"type": "string"}, "labels": {"$ref": "#/components/schemas/Labels"},
                      "targetShare": {"type": ["number", "null"]},
                      "stages": {"type": "array", "items": {"type": "object", "properties": {"stage": {"type": "string"}, "count": {"$ref": "#/components/schemas/CellCount"},
                        "share": {"type": ["number", "null"]}, "deviationPoints": {"type": ["number", "null"]}, "deviationSeats": {"type": ["number", "null"]}}}}}}},
                    "distance": {"type": "array", "items": {"type": "object", "properties": {"stage": {"type": "string"}, "tvd": {"type": ["number", "null"], "description": "total variation distance from the census targets"}}}}}}},
                  "fairness": {"type": ["object", "null"], "properties": {"algorithm": {"type": "string"}, "estimated": {"type": "boolean"}, "poolSize": {"type": "integer"},
                    "minimum": {"type": "number"}, "maximum": {"type": "number"}, "median": {"type": "number"}, "gini": {"type": "number"}, "zeroChance": {"type": "integer"},
                    "zeroChanceGroups": {"type": "array", "items": {"type": "object", "properties": {"reason": {"type": "string", "enum": ["quota_zero", "no_feasible_panel"]},
                      "values": {"type": "array", "items": {"type": "string"}}, "count": {"type": "integer"}}}},
                    "leximinMinimum": {"type": ["number", "null"]}, "legacyComparison": {"type": ["number", "null"]},
                    "histogram": {"type": "array", "items": {"type": "object", "properties": {"from": {"type": "number"}, "to": {"type": "number"}, "count": {"type": "integer"}}}}}},
                  "participation": {"type": "object", "properties": {"total": {"$ref": "#/components/schemas/ParticipationCounts"},
                    "strata": {"type": "array", "items": {"type": "object", "properties": {"attribute": {"type": "string"}, "value": {"type": "string"},
                      "labels": {"$ref": "#/components/schemas/Labels"}, "counts": {"$ref": "#/components/schemas/ParticipationCounts"}}}},
                    "replacementEffect": {"type": "array", "items": {"type": "object", "properties": {"attribute": {"type": "string"},
                      "withoutReplacements": {"type": ["number", "null"]}, "withReplacements": {"type": ["number", "null"]}, "restoredPoints": {"type": ["number", "null"]}}}}}},
                  "satisfaction": {"type": "object", "properties": {"total": {"$ref": "#/components/schemas/SatisfactionStats"},
                    "strata": {"type": "array", "items": {"type": "object", "properties": {"attribute": {"type": "string"}, "value": {"type": "string"},
                      "labels": {"$ref": "#/components/schemas/Labels"}, "stats": {"$ref": "#/components/schemas/SatisfactionStats"}}}}}},
                  "suggestions": {"type": "object", "properties": {"total": {"type": "integer"}, "replied": {"type": "integer"}, "medianDaysToReply": {"type": ["number", "null"]},
                    "byStatus": {"type": "array", "items": {"type": "object", "properties": {"status": {"type": "string"}, "count": {"type": "integer"}}}}}}
                }
              },
              "SummaryReport": {
                "type": "object", "required": ["generatedAt", "smallCells", "events", "eventList", "seats", "uniqueParticipants", "familiarFaces", "repeatHistogram", "repeatGini", "registry", "cumulative", "departments"],
                "properties": {
                  "from": {"type": ["string", "null"]}, "to": {"type": ["string", "null"]}, "generatedAt": {"type": "string"}, "smallCells": {"$ref": "#/components/schemas/SmallCells"},
                  "events": {"type": "integer"}, "seats": {"type": "integer", "description": "attended seats"}, "uniqueParticipants": {"type": "integer"},
                  "eventList": {"type": "array", "description": "the events included, latest first (ids for the event report)", "items": {"type": "object",
                    "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "department": {"type": "string"}, "startsAt": {"type": "string"}, "status": {"type": "string"}}}},
                  "seatsPerParticipant": {"type": ["number", "null"]},
                  "familiarFaces": {"type": "object", "description": "seats taken by people who attended another event within the window before (熟面孔)",
                    "properties": {"windowDays": {"type": "integer"}, "seats": {"type": "integer"}, "share": {"type": ["number", "null"]}}},
                  "repeatHistogram": {"type": "array", "items": {"type": "object", "properties": {"times": {"type": "integer"}, "people": {"$ref": "#/components/schemas/CellCount"}}}},
                  "repeatGini": {"type": "number"},
                  "registry": {"type": "object", "properties": {"people": {"type": "integer"}, "everInvited": {"type": "integer"}, "share": {"type": ["number", "null"]}}},
                  "cumulative": {"type": "array", "items": {"type": "object", "properties": {"attribute": {"type": "string"}, "labels": {"$ref": "#/components/schemas/Labels"},
                    "tvd": {"type": ["number", "null"]},
                    "values": {"type": "array", "items": {"type": "object", "properties": {"value": {"type": "string"}, "labels": {"$ref": "#/components/schemas/Labels"},
                      "targetShare": {"type": ["number", "null"]}, "participants": {"$ref": "#/components/schemas/CellCount"}, "share": {"type": ["number", "null"]},
                      "deviationPoints": {"type": ["number", "null"]}}}}}}},
                  "departments": {"type": "array", "items": {"type": "object", "properties": {"department": {"type": "string"}, "events": {"type": "integer"},
                    "seats": {"type": "integer"}, "invited": {"type": "integer"}, "accepted": {"type": "integer"}, "attended": {"type": "integer"},
                    "uniqueParticipants": {"type": "integer"}, "acceptanceRate": {"type": ["number", "null"]}, "attendanceRate": {"type": ["number", "null"]}}}}
                }
              }
            },
            "responses": {
              "BadRequest": {"description": "malformed request or JSON", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "TooLarge": {"description": "the body is larger than this route accepts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Unauthorized": {"description": "no or unknown bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Forbidden": {"description": "the token's role may not do this", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Invalid": {"description": "a field breaks a registry rule", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "NotFound": {"description": "no such event or job", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Conflict": {"description": "not in this state (e.g. editing a prepared event, finalizing twice)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Unprocessable": {"description": "a field breaks a rule, or the quotas are infeasible (typed conflicts and relaxations)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Diagnosed"}}}}
            }
          },
          "paths": {
            "/healthz": {
              "get": {"summary": "Liveness", "operationId": "health",
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "up", "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"const": "ok"}}}}}}}}
            },
            "/api/v1/schema": {
              "get": {"summary": "Attribute schema: attributes, value codes, zh/en labels, age bands", "operationId": "schema",
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the schema in force", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Schema"}}}}}}
            },
            "/api/v1/openapi.json": {
              "get": {"summary": "This document", "operationId": "openapi",
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}
            },
            "/api/v1/enrollments": {
              "post": {"summary": "Enroll as a volunteer (anyone; rate-limited per address)", "operationId": "enroll",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Enrollment"}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, 
                  "201": {"description": "enrolled; the token is shown once", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EnrollmentReceipt"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "409": {"description": "phone already enrolled", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                  "415": {"description": "not application/json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                  "422": {"$ref": "#/components/responses/Invalid"},
                  "429": {"description": "rate limited; see Retry-After", "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                }}
            },
            "/api/v1/me": {
              "get": {"summary": "The citizen's own record", "operationId": "showMe", "security": [{"bearer": []}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "record with contact data", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Person"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}},
              "patch": {"summary": "Update own attributes or contact data", "operationId": "updateMe", "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PersonUpdate"}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "200": {"description": "updated record", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Person"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}, "409": {"description": "phone taken", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                  "422": {"$ref": "#/components/responses/Invalid"}}},
              "delete": {"summary": "Withdraw: contact data and tokens are deleted", "operationId": "withdrawMe", "security": [{"bearer": []}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "204": {"description": "withdrawn"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
            },
            "/api/v1/people": {
              "get": {"summary": "Pool listing (organizer), filtered and paged by pid", "operationId": "listPeople", "security": [{"bearer": []}],
                "parameters": [
                  {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["active", "withdrawn", "all"]}},
                  {"name": "age", "in": "query", "description": "age band code (see /api/v1/schema; others are 422)", "schema": {"type": "string", "minLength": 1, "pattern": "^[^\\x00]*$"}},
                  {"name": "after", "in": "query", "description": "cursor: the previous page's next", "schema": {"type": "string", "pattern": "^[^\\x00]*$"}},
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                  {"name": "contacts", "in": "query", "schema": {"type": "boolean"}},
                  {"name": "filters", "in": "query", "style": "form", "explode": true, "description": "any attribute name = value code or label",
                    "schema": {"type": "object", "propertyNames": {"pattern": "^[^\\x00]*$"}, "additionalProperties": {"type": "string", "pattern": "^[^\\x00]*$"}}}
                ],
                "responses": {"200": {"description": "one page", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PeoplePage"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}, "422": {"$ref": "#/components/responses/Invalid"}}}
            },
            "/api/v1/events": {
              "post": {"summary": "Create a draft event (organizer); seats derived from the configured census targets", "operationId": "createEvent", "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventDraft"}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}, "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}},
              "get": {"summary": "All events, latest first (organizer)", "operationId": "listEvents", "security": [{"bearer": []}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "events", "content": {"application/json": {"schema": {"type": "object", "required": ["events"],
                  "properties": {"events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
            },
            "/api/v1/events/{id}": {
              "get": {"summary": "One event (organizer)", "operationId": "showEvent", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the event", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}},
              "patch": {"summary": "Edit a draft event (organizer); refused once prepared", "operationId": "updateEvent", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventChanges"}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "200": {"description": "the changed event", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "415": {"$ref": "#/components/responses/BadRequest"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/events/{id}/cancel": {
              "post": {"summary": "Cancel an event (organizer)", "operationId": "cancelEvent", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "cancelled", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
            },
            "/api/v1/events/{id}/eligible": {
              "get": {"summary": "Eligible counts per value beside the quotas, exclusions by reason, feasibility (organizer)", "operationId": "eventEligibility", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "eligibility", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Eligible"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/events/{id}/draw/prepare": {
              "post": {"summary": "Prepare the draw (organizer): a job to poll; ?wait=S waits up to S seconds (≤ 30) for the result", "operationId": "prepareDraw", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                  {"name": "wait", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 30}}],
                "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false,
                  "properties": {"algorithm": {"type": "string", "enum": ["leximin", "legacy"]}, "lotterySize": {"type": "integer", "minimum": 1, "maximum": 1000000},
                    "beaconSource": {"type": "string", "description": "which public number, on which date, will be the beacon"}}}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "201": {"description": "prepared (within the wait)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}},
                  "202": {"description": "running; poll the job", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "415": {"$ref": "#/components/responses/BadRequest"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/jobs/{id}": {
              "get": {"summary": "A draw job: progress, then the prepared draw or the error (organizer)", "operationId": "showJob", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the job", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
            },
            "/api/v1/events/{id}/draw/finalize": {
              "post": {"summary": "Finalize the draw with the announced beacon (organizer)", "operationId": "finalizeDraw", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["beacon"], "additionalProperties": false,
                  "properties": {"beacon": {"type": "string", "minLength": 1}}}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "200": {"description": "drawn", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Draw"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "415": {"$ref": "#/components/responses/BadRequest"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/events/{id}/draw": {
              "get": {"summary": "The draw's public commitment (digests, beacon source) and, once drawn, its outcome (anyone); ?round=N for top-ups", "operationId": "showDraw",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                  {"name": "round", "in": "query", "schema": {"type": "integer", "minimum": 0}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the draw", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Draw"}}}},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
            },
            "/api/v1/events/{id}/draw/record": {
              "get": {"summary": "The public draw record (anyone): pids and attribute values only; allot verify checks it; ?round=N for top-ups", "operationId": "drawRecord",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                  {"name": "round", "in": "query", "schema": {"type": "integer", "minimum": 0}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the record", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DrawRecord"}}}},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
            },
            "/api/v1/events/{id}/invitations": {
              "post": {"summary": "Invite the drawn panel (organizer): one invitation each, with a personal link and check-in code, messages to the outbox", "operationId": "invitePanel", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {"deadline": {"type": "string"}}}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "201": {"description": "invited", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InvitationList"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}},
              "get": {"summary": "The invitations with their states and counts (organizer)", "operationId": "listInvitations", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "invitations", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InvitationList"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
            },
            "/api/v1/events/{id}/invitations/{pid}": {
              "put": {"summary": "Record an answer received by phone (organizer): accepted, declined or cancelled", "operationId": "setInvitation", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}, {"name": "pid", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["state"], "additionalProperties": false,
                  "properties": {"state": {"type": "string", "enum": ["accepted", "declined", "cancelled"]}}}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "200": {"description": "changed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Invitation"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/events/{id}/replace": {
              "post": {"summary": "Fill vacated seats from the reserves now (organizer; automatic unless configured off)", "operationId": "replaceSeats", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "new log entries", "content": {"application/json": {"schema": {"type": "object", "required": ["entries"], "properties": {"entries": {"type": "array", "items": {"type": "object"}}}}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
            },
            "/api/v1/events/{id}/replacements": {
              "get": {"summary": "The public replacement log, allot-replace-v1 (anyone)", "operationId": "replacementLog",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the log", "content": {"application/json": {"schema": {"type": "object", "required": ["protocol", "lotteryDigest", "entries"],
                  "properties": {"protocol": {"const": "allot-replace-v1"}, "eventId": {}, "lotteryDigest": {"type": "string"}, "entries": {"type": "array", "items": {"type": "object",
                    "required": ["vacated", "state", "skipped", "replacement", "at"]}}}}}}},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
            },
            "/api/v1/events/{id}/attendance": {
              "post": {"summary": "Check in an accepted invitation by pid or check-in code (organizer); a second check-in answers already_checked_in", "operationId": "checkIn", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {"pid": {"type": "string"}, "code": {"type": "string"}}}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "200": {"description": "checked in", "content": {"application/json": {"schema": {"type": "object", "required": ["pid", "result", "attendedAt"],
                  "properties": {"pid": {"type": "string"}, "result": {"type": "string", "enum": ["checked_in", "already_checked_in"]}, "attendedAt": {"type": "string"}}}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/events/{id}/close": {
              "post": {"summary": "Close a drawn event (organizer): absent acceptors become no-shows, attendees get a feedback link", "operationId": "closeEvent", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "closed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
            },
            "/api/v1/events/{id}/topup/prepare": {
              "post": {"summary": "Prepare a top-up draw for seats no reserve could fill (organizer)", "operationId": "prepareTopUp", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false,
                  "properties": {"algorithm": {"type": "string", "enum": ["leximin", "legacy"]}, "lotterySize": {"type": "integer"}, "beaconSource": {"type": "string"}}}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "201": {"description": "prepared", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Draw"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/events/{id}/topup/finalize": {
              "post": {"summary": "Finalize the pending top-up with its beacon and invite its panel (organizer)", "operationId": "finalizeTopUp", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["beacon"], "additionalProperties": false, "properties": {"beacon": {"type": "string"}}}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "200": {"description": "drawn and invited", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Draw"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}, "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/invitations/{token}": {
              "get": {"summary": "The invitation behind a personal link: event, state, deadline, check-in code once accepted", "operationId": "showInvitation",
                "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the invitation", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CitizenInvitation"}}}},
                  "404": {"$ref": "#/components/responses/NotFound"}}},
              "post": {"summary": "Answer an invitation: accept, decline, or cancel an accepted seat before the event", "operationId": "answerInvitation",
                "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["response"], "additionalProperties": false,
                  "properties": {"response": {"type": "string", "enum": ["accept", "decline", "cancel"]}}}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "200": {"description": "answered", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CitizenInvitation"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"},
                  "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/feedback/{token}": {
              "get": {"summary": "The feedback given through this link", "operationId": "showFeedback",
                "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the feedback", "content": {"application/json": {"schema": {"type": "object"}}}}, "404": {"$ref": "#/components/responses/NotFound"}}},
              "post": {"summary": "Give feedback as an attendee (once, inside the feedback window)", "operationId": "giveFeedback",
                "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feedback"}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "201": {"description": "given", "content": {"application/json": {"schema": {"type": "object"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"},
                  "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}},
              "put": {"summary": "Change the feedback given (inside the window); new suggestions are added", "operationId": "editFeedback",
                "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feedback"}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "200": {"description": "changed", "content": {"application/json": {"schema": {"type": "object"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"},
                  "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/events/{id}/suggestions": {
              "get": {"summary": "The event's suggestions with status and public replies, never their authors (anyone)", "operationId": "listSuggestions",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "suggestions", "content": {"application/json": {"schema": {"type": "object", "required": ["suggestions"],
                  "properties": {"suggestions": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}}}}}}},
                  "404": {"$ref": "#/components/responses/NotFound"}}}
            },
            "/api/v1/suggestions/{id}/reply": {
              "post": {"summary": "Follow up a suggestion with a status and a public reply; the author is told (organizer)", "operationId": "replySuggestion", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["status", "reply"], "additionalProperties": false,
                  "properties": {"status": {"type": "string", "enum": ["received", "under_review", "adopted", "partially_adopted", "not_adopted"]}, "reply": {"type": "string", "minLength": 1}}}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "200": {"description": "replied", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Suggestion"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "415": {"$ref": "#/components/responses/BadRequest"}, "422": {"$ref": "#/components/responses/Unprocessable"}}}
            },
            "/api/v1/tokens": {
              "post": {"summary": "Create a staff token (admin); shown once", "operationId": "createToken", "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TokenRequest"}}}},
                "responses": {"413": {"$ref": "#/components/responses/TooLarge"}, "201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TokenCreated"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}, "422": {"$ref": "#/components/responses/Invalid"}}},
              "get": {"summary": "List staff tokens (admin): id, role, label, creation time; never the token", "operationId": "listTokens",
                "security": [{"bearer": []}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "staff tokens", "content": {"application/json": {"schema": {"type": "object", "required": ["tokens"],
                  "properties": {"tokens": {"type": "array", "items": {"$ref": "#/components/schemas/TokenEntry"}}}}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
            },
            "/api/v1/tokens/{id}": {
              "delete": {"summary": "Revoke a staff token (admin)", "operationId": "revokeToken", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "204": {"description": "revoked"}, "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"description": "no such staff token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}
            },
            "/api/v1/events/{id}/report": {
              "get": {"summary": "The event's evaluation report (evaluator or organizer): composition per stage vs census targets, fairness, participation, satisfaction; small cells shown as <5", "operationId": "eventReport", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                  {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "csv", "html"], "default": "json"}},
                  {"name": "lang", "in": "query", "description": "language of the HTML report", "schema": {"type": "string", "enum": ["zh", "en"], "default": "zh"}},
                  {"name": "table", "in": "query", "description": "with format=csv: one table by name; without it every table, each after a '# NAME.csv' line", "schema": {"type": "string"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the report", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventReport"}},
                  "text/csv": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string", "description": "one self-contained page: inline CSS and SVG charts, no script"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}, "422": {"$ref": "#/components/responses/Invalid"}}}
            },
            "/api/v1/reports/summary": {
              "get": {"summary": "Participation across the events drawn or closed in a date range (evaluator or organizer): unique participants, 熟面孔 rate, repeats, registry reach, cumulative vs targets, departments", "operationId": "summaryReport", "security": [{"bearer": []}],
                "parameters": [{"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}}, {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
                  {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "csv", "html"], "default": "json"}},
                  {"name": "lang", "in": "query", "description": "language of the HTML report", "schema": {"type": "string", "enum": ["zh", "en"], "default": "zh"}},
                  {"name": "table", "in": "query", "description": "with format=csv: one table by name; without it every table, each after a '# NAME.csv' line", "schema": {"type": "string"}}],
                "responses": {"400": {"$ref": "#/components/responses/BadRequest"}, "200": {"description": "the summary", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SummaryReport"}},
                  "text/csv": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string", "description": "one self-contained page: inline CSS and SVG charts, no script"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "422": {"$ref": "#/components/responses/Invalid"}}}
            }
          }
        }
        """#
}
