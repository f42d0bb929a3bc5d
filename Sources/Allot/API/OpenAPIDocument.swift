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
            "title": "Allot registry API",
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
                    "properties": {"minimum": {"type": "integer"}, "bands": {"type": "array", "items": {"type": "object",
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
                  "consent": {"type": "boolean"}
                }
              },
              "EnrollmentReceipt": {"type": "object", "required": ["pid", "token"], "properties": {"pid": {"type": "string"}, "token": {"type": "string"}}},
              "PersonUpdate": {
                "type": "object", "additionalProperties": false,
                "properties": {"name": {"type": "string", "minLength": 1, "pattern": "^[^\\n\\r]*$"},
                  "phone": {"type": "string", "pattern": "^[ -]*(\\+[ -]*8[ -]*6|0[ -]*0[ -]*8[ -]*6|8[ -]*6)?[ -]*1[ -]*[3-9]([ -]*[0-9]){9}[ -]*$"},
                  "email": {"type": "string"},
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
                "properties": {"token": {"type": "string"}, "role": {"type": "string"}, "label": {"type": "string"}}}
            },
            "responses": {
              "BadRequest": {"description": "malformed request or JSON", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Unauthorized": {"description": "no or unknown bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Forbidden": {"description": "the token's role may not do this", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Invalid": {"description": "a field breaks a registry rule", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          },
          "paths": {
            "/healthz": {
              "get": {"summary": "Liveness", "operationId": "health",
                "responses": {"200": {"description": "up", "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"const": "ok"}}}}}}}}
            },
            "/api/v1/schema": {
              "get": {"summary": "Attribute schema: attributes, value codes, zh/en labels, age bands", "operationId": "schema",
                "responses": {"200": {"description": "the schema in force", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Schema"}}}}}}
            },
            "/api/v1/openapi.json": {
              "get": {"summary": "This document", "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}
            },
            "/api/v1/enrollments": {
              "post": {"summary": "Enroll as a volunteer (anyone; rate-limited per address)", "operationId": "enroll",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Enrollment"}}}},
                "responses": {
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
                "responses": {"200": {"description": "record with contact data", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Person"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}},
              "patch": {"summary": "Update own attributes or contact data", "operationId": "updateMe", "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PersonUpdate"}}}},
                "responses": {"200": {"description": "updated record", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Person"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}, "409": {"description": "phone taken", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                  "422": {"$ref": "#/components/responses/Invalid"}}},
              "delete": {"summary": "Withdraw: contact data and tokens are deleted", "operationId": "withdrawMe", "security": [{"bearer": []}],
                "responses": {"204": {"description": "withdrawn"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
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
            "/api/v1/tokens": {
              "post": {"summary": "Create a staff token (admin); shown once", "operationId": "createToken", "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TokenRequest"}}}},
                "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TokenCreated"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}, "422": {"$ref": "#/components/responses/Invalid"}}},
              "get": {"summary": "List staff tokens (admin): id, role, label, creation time; never the token", "operationId": "listTokens",
                "security": [{"bearer": []}],
                "responses": {"200": {"description": "staff tokens", "content": {"application/json": {"schema": {"type": "object", "required": ["tokens"],
                  "properties": {"tokens": {"type": "array", "items": {"$ref": "#/components/schemas/TokenEntry"}}}}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
            },
            "/api/v1/tokens/{id}": {
              "delete": {"summary": "Revoke a staff token (admin)", "operationId": "revokeToken", "security": [{"bearer": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"204": {"description": "revoked"}, "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"description": "no such staff token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}
            }
          }
        }
        """#
}
