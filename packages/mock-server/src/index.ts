export const PACKAGE = '@wolkvox-mcp/mock-server';
