/** Every figure of one organisation's published reports (src/lib/downloads.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { downloadPaths, downloadResponse } from '../../../astro/downloads.ts';

export const getStaticPaths = (() => downloadPaths('org', 'id')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => downloadResponse('org', String(params.id), 'json');
