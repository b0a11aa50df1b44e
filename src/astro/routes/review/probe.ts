import type { APIRoute } from 'astro';
export const prerender = false;
export const GET: APIRoute = async (ctx) => new Response(JSON.stringify({ addr: ctx.clientAddress, host: ctx.request.headers.get('host'), url: ctx.url.href }));
export const POST: APIRoute = async (ctx) => new Response(JSON.stringify({ addr: ctx.clientAddress, body: await ctx.request.json() }));
