/** Every figure of every published report (src/lib/downloads.ts). */
import type { APIRoute } from 'astro';
import { downloadResponse } from '../../astro/downloads.ts';

export const GET: APIRoute = () => downloadResponse('site', '', 'csv');
