/** The figures of one metric's ranking page, in its order (src/lib/downloads.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { downloadPaths, downloadResponse } from '../../../astro/downloads.ts';

export const getStaticPaths = (() => downloadPaths('metric', 'key')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => downloadResponse('metric', String(params.key), 'json');
