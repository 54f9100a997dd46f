export const PACKAGE = '@wolkvox-mcp/mcp-server';
