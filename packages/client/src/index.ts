export const PACKAGE = '@wolkvox-mcp/client';
