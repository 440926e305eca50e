"""marshmallow schemas: the contract in api-contract.md, and the OpenAPI spec."""
