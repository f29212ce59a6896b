/**
 * Generated English business news for tests that need many distinct
 * articles: one company's plant investment each, told in six sentences whose
 * names and figures are the article's own.
 */
const COMPANIES = ['Halvorsen Marine', 'Quillon Foods', 'Brightwater Grid', 'Orsini Textiles', 'Kestrel Avionics', 'Pemberton Rail', 'Lumenta Optics', 'Graniteview Cement', 'Saffron Pharma', 'Tidewell Shipping', 'Verdant Agritech', 'Cobalt Ridge Mining', 'Marlow Robotics', 'Ashdown Glass', 'Northpine Paper', 'Riverbend Dairy'];
const CITIES = ['Gdansk', 'Porto', 'Tampere', 'Brno', 'Lyon', 'Valencia', 'Graz', 'Ghent', 'Turin', 'Aarhus', 'Bilbao', 'Krakow', 'Leipzig', 'Utrecht', 'Malmo', 'Cork'];
const SECTORS = ['offshore wind', 'frozen meals', 'grid batteries', 'technical fabrics', 'drone parts', 'freight wagons', 'laser lenses', 'low-carbon cement', 'generic insulin', 'container feeders', 'vertical farms', 'lithium ore', 'warehouse robots', 'solar glass', 'recycled board', 'infant formula'];
const PEOPLE = ['Ingrid Dahl', 'Marco Bellini', 'Aoife Walsh', 'Tomas Novak', 'Claire Dubois', 'Javier Ortega', 'Lena Hofer', 'Pieter Claes', 'Giulia Ferri', 'Mads Lund', 'Iker Zubiri', 'Agnieszka Nowak', 'Jonas Weber', 'Sanne de Vries', 'Erik Holm', 'Niamh Byrne'];
const BANKS = ['Fjordline Capital', 'Banca Ostia', 'Northgate Securities', 'Vltava Partners', 'Rhone Equity', 'Iberis Research', 'Alpenbank', 'Scheldt Advisors', 'Piemonte Markets', 'Jutland Invest', 'Cantabria Capital', 'Vistula Brokers', 'Saxon Analytics', 'Delta Wharf', 'Oresund Equities', 'Shannon Street'];

/** The sentences of article `i`: a company's plant investment, with every name and figure its own for i < 16 (names repeat after, figures never). */
export function companyArticle(i: number): { title: string; sentences: string[] } {
  const at = <T>(list: T[], stride: number) => list[(i * stride) % list.length]!;
  const [co, city, sector, person, bank] = [at(COMPANIES, 1), at(CITIES, 3), at(SECTORS, 5), at(PEOPLE, 7), at(BANKS, 9)];
  const amount = `€${(i + 2) * 35} million`;
  const sentences = [
    `${co} said on Monday it would spend ${amount} on a ${sector} plant outside ${city}, the biggest investment in its ${40 + i}-year history.`,
    `Chief executive ${person} told reporters that orders for ${sector} had grown ${11 + i}% since January and that the site should be running by ${2027 + (i % 3)}.`,
    `About ${(i + 3) * 140} people will work at the ${city} plant once all ${i + 2} production halls are finished, local officials estimate.`,
    `${bank} analysts called the project a sensible bet and raised their price target for ${co} by ${4 + (i % 5)} euros.`,
    `Regional authorities in ${city} agreed to sell ${co} the ${(i + 5) * 3}-hectare plot at a discount in return for training apprentices.`,
    `The company will publish quarterly results on ${10 + i} November, when ${person} is expected to give more detail on financing.`,
  ];
  return { title: `${co} to build ${sector} plant near ${city}`, sentences };
}

/**
 * Article `i` as a Markdown file, and a lightly edited copy of it (a day
 * changed, the last sentence gone): near-duplicates for the cross-document linker.
 */
export function pair(i: number): { original: string; copy: string } {
  const { title, sentences } = companyArticle(i);
  const body = (lines: string[]) => `---\ntitle: "${title}"\ndate: 2025-11-${String(3 + (i % 20)).padStart(2, '0')}\n---\n\n${lines.join('\n\n')}\n`;
  return { original: body(sentences), copy: body([sentences[0]!.replace('on Monday', 'on Tuesday'), ...sentences.slice(1, -1)]) };
}

