import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACS_CATALOG } from '../../mcp/pacs/pacs-catalog.js';
import { LAYER_RULE } from '../../mcp/pacs/layers.js';
import { connectStdio, type StdioSession } from '../helpers/mcp-client.js';
import { expectTextCarriesStructured } from '../helpers/result-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * Which value layer is current and which is official reads the same, and as the PACS catalog
 * says, wherever the model meets it: the generate_query prompt, the glossary describe_table
 * shows, and suggest_query's notes. Through the MCP SDK client over stdio on the demo.
 */
const home = makeTempHome('pacs-layer-rule-');
let session: StdioSession;

beforeAll(async () => {
  session = await connectStdio(serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '60' }));
  await session.ok('list_connections');
}, 120_000);
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('the value-layer rule', () => {
  it('says what the catalog says: prop_supp_assoc names the current layer; the accepted one is the official layer', () => {
    const note = (topic: string) => PACS_CATALOG.semantics.find((s) => s.topic.startsWith(topic))!.note;
    expect(note('current layer of a year (prop_supp_assoc)')).toMatch(/that is the layer PACS treats as current/);
    expect(note('accepted layer (prop_accepted_supp_assoc_vw)')).toMatch(/highest sup_num .*sup_group\.status_cd is 'A' or 'BC', or the layer's accept_create_id is above 0/);
    expect(LAYER_RULE).toMatch(/The current layer is the sup_num prop_supp_assoc names .* it may be a supplement still being coded/);
    expect(LAYER_RULE).toMatch(/The official \(accepted\) layer is the highest sup_num whose supplement group is accepted \(no supplement row, sup_group\.status_cd 'A' or 'BC', or property_val\.accept_create_id above 0\)/);
  });

  it('the generate_query prompt states it, and no longer calls the layer prop_supp_assoc names the official one', async () => {
    const prompt = await session.client.getPrompt({ name: 'generate_query', arguments: { question: 'Total market value by neighborhood this year' } });
    const text = (prompt.messages[0].content as { text: string }).text;
    expect(text).toContain(LAYER_RULE);
    expect(text).not.toMatch(/official value of a year is the property_val row whose .* prop_supp_assoc names/);
  });

  it('the glossary describe_table shows says the same of property_val and prop_supp_assoc', async () => {
    const values = expectTextCarriesStructured(await session.call('describe_table', { table_name: 'property_val', analyze: true })).structured;
    expect(values.analysis.glossary.meaning).toContain(LAYER_RULE);
    const psa = expectTextCarriesStructured(await session.call('describe_table', { table_name: 'prop_supp_assoc', analyze: true })).structured;
    expect(psa.analysis.glossary.meaning).toMatch(/^Names the current layer .* not always the official \(accepted\) layer, which prop_accepted_supp_assoc_vw computes\.$/);
  });

  it("suggest_query's evidence for a value question carries the rule in both the text block and structuredContent, and never calls prop_supp_assoc official", async () => {
    const { structured, text } = expectTextCarriesStructured(await session.call('suggest_query', { question: 'Official market value of each parcel this year' }));
    expect(structured.notes).toContain(LAYER_RULE);
    expect(text).toContain(LAYER_RULE);
    expect(structured.tables.map((t: { table: string }) => t.table)).toContain('property_val');
    const psa = structured.tables.find((t: { table: string }) => t.table === 'prop_supp_assoc');
    expect(psa.why.join(' ')).not.toMatch(/official/);
    expect(psa.meaning).toMatch(/not always the official \(accepted\) layer/);

    // A question that reads no layer table gets no layer note.
    const hearings = (await session.ok('suggest_query', { question: 'Hearing dockets and how many protests each has scheduled' })) as { notes: string[] };
    expect(hearings.notes).not.toContain(LAYER_RULE);
  });
});
