/**
 * Words the demo generator combines into synthetic names and places. Common given names and
 * surnames picked at random per account: any match with a real person is coincidence.
 */

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen',
  'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Donald', 'Ashley',
  'Steven', 'Dorothy', 'Paul', 'Kimberly', 'Andrew', 'Emily', 'Joshua', 'Donna', 'Kenneth', 'Michelle',
  'Kevin', 'Carol', 'Brian', 'Amanda', 'George', 'Melissa', 'Jose', 'Deborah', 'Luis', 'Stephanie',
  'Juan', 'Rebecca', 'Ryan', 'Laura', 'Jacob', 'Sharon', 'Gary', 'Cynthia', 'Nicholas', 'Kathleen',
  'Eric', 'Amy', 'Jonathan', 'Angela', 'Miguel', 'Shirley', 'Larry', 'Anna', 'Justin', 'Brenda',
  'Scott', 'Pamela', 'Brandon', 'Emma', 'Benjamin', 'Nicole', 'Samuel', 'Helen', 'Raymond', 'Samantha',
  'Gregory', 'Katherine', 'Frank', 'Christine', 'Alexander', 'Debra', 'Patrick', 'Rachel', 'Jack', 'Carolyn',
  'Dennis', 'Janet', 'Jerry', 'Maria', 'Tyler', 'Olivia', 'Aaron', 'Heather', 'Jesus', 'Diane',
  'Minh', 'Priya', 'Wei', 'Fatima', 'Hiroshi', 'Ngozi', 'Arjun', 'Mei', 'Omar', 'Leilani',
] as const;

export const MIDDLE_INITIALS = 'ABCDEFGHJKLMNPRSTW';

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  'Okafor', 'Tran', 'Schneider', 'Kowalski', 'Yamamoto', 'Haddad', 'Singh', 'Novak', 'Lindqvist', 'Moreau',
] as const;

export const BUSINESS_WORDS = [
  'Lone Star', 'Bluebonnet', 'Cedar', 'Pecan', 'Red River', 'Prairie', 'Summit', 'Heritage', 'Frontier', 'Canyon',
  'Mesquite', 'Live Oak', 'Brazos', 'Hill Country', 'Cypress', 'Granite', 'Maverick', 'Longhorn', 'Sunrise', 'Copper',
  'Evergreen', 'Cascade', 'Olympic', 'Harbor', 'Timberline', 'Northstar', 'Riverbend', 'Silver Creek', 'Blue Sky', 'Ironwood',
] as const;

export const BUSINESS_KINDS = [
  'Hardware', 'Auto Repair', 'Dental', 'Cafe', 'Feed & Supply', 'Pharmacy', 'Bakery', 'Plumbing', 'Electric', 'Realty',
  'Insurance', 'Veterinary', 'Print Shop', 'Fitness', 'Tire & Lube', 'Grocery', 'Salon', 'Construction', 'Welding', 'Landscaping',
] as const;

export const BUSINESS_SUFFIXES = ['LLC', 'INC', 'LTD', 'CO', 'LP'] as const;

export const INVESTOR_NAMES = [
  'Holdings', 'Properties', 'Rentals', 'Investments', 'Homes', 'Capital', 'Real Estate Partners', 'Land Trust',
] as const;

/** Public bodies and charities that own exempt (EX) parcels. */
export const PUBLIC_OWNERS = [
  'DEMO COUNTY', 'CITY OF CEDAR FALLS', 'CITY OF MILLBROOK', 'CITY OF RIVERBEND', 'CEDAR FALLS ISD', 'MILLBROOK ISD',
  'RIVERBEND CONSOLIDATED ISD', 'DEMO COUNTY HOSPITAL DISTRICT', 'STATE OF WASHINGTON', 'UNITED STATES OF AMERICA',
  'FIRST BAPTIST CHURCH OF CEDAR FALLS', 'ST MARY CATHOLIC CHURCH', 'GRACE METHODIST CHURCH', 'IGLESIA BAUTISTA EL CALVARIO',
  'DEMO COUNTY HISTORICAL SOCIETY', 'HABITAT FOR HUMANITY DEMO COUNTY', 'CEDAR FALLS VOLUNTEER FIRE DEPT', 'DEMO COUNTY WATER DISTRICT',
  'MILLBROOK CEMETERY ASSN', 'RIVERBEND PUBLIC LIBRARY FOUNDATION',
] as const;

export const STREET_NAMES = [
  'Oak', 'Elm', 'Pecan', 'Mesquite', 'Cedar', 'Willow', 'Magnolia', 'Bluebonnet', 'Live Oak', 'Post Oak',
  'Hickory', 'Sycamore', 'Juniper', 'Cottonwood', 'Persimmon', 'Redbud', 'Walnut', 'Cypress', 'Laurel', 'Aspen',
  'Main', 'Church', 'Mill', 'Railroad', 'Market', 'Depot', 'College', 'Harvest', 'Ranch', 'Prairie',
  'Meadow', 'Creek', 'River', 'Lakeview', 'Hilltop', 'Valley', 'Sunset', 'Sunrise', 'Ridge', 'Canyon',
  'Bowie', 'Houston', 'Austin', 'Travis', 'Crockett', 'Lamar', 'Fannin', 'Milam', 'Burleson', 'Navarro',
  'Quail', 'Dove', 'Cardinal', 'Mockingbird', 'Roadrunner', 'Heron', 'Falcon', 'Eagle', 'Hawk', 'Wren',
] as const;

export const STREET_SUFFIXES = ['ST', 'DR', 'LN', 'RD', 'CT', 'AVE', 'TRL', 'WAY', 'BLVD', 'CIR', 'PL', 'LOOP'] as const;

export const STREET_PREFIXES = ['N', 'S', 'E', 'W'] as const;

export interface DemoCity {
  name: string;
  zips: readonly string[];
}

/** The demo county's towns. */
export const COUNTY_CITIES: readonly DemoCity[] = [
  { name: 'CEDAR FALLS', zips: ['78801', '78802', '78805'] },
  { name: 'MILLBROOK', zips: ['78811', '78812'] },
  { name: 'RIVERBEND', zips: ['78820', '78821'] },
  { name: 'OAK HOLLOW', zips: ['78830'] },
  { name: 'PINE CREST', zips: ['78835'] },
  { name: 'SALT LICK', zips: ['78840'] },
];

/** Where non-resident owners get their mail. */
export const OTHER_CITIES: readonly (DemoCity & { state: string })[] = [
  { name: 'AUSTIN', state: 'TX', zips: ['78701', '78745', '78758'] },
  { name: 'SAN ANTONIO', state: 'TX', zips: ['78209', '78230', '78249'] },
  { name: 'HOUSTON', state: 'TX', zips: ['77002', '77019', '77080'] },
  { name: 'DALLAS', state: 'TX', zips: ['75201', '75214', '75230'] },
  { name: 'FORT WORTH', state: 'TX', zips: ['76104', '76109'] },
  { name: 'MIDLAND', state: 'TX', zips: ['79701', '79705'] },
  { name: 'OKLAHOMA CITY', state: 'OK', zips: ['73102', '73120'] },
  { name: 'DENVER', state: 'CO', zips: ['80202', '80220'] },
  { name: 'SPOKANE', state: 'WA', zips: ['99201', '99223'] },
  { name: 'PHOENIX', state: 'AZ', zips: ['85004', '85018'] },
  { name: 'ALBUQUERQUE', state: 'NM', zips: ['87102', '87110'] },
  { name: 'BATON ROUGE', state: 'LA', zips: ['70802', '70808'] },
];

export const NEIGHBORHOOD_NAMES = [
  'Cedar Ridge', 'Bluebonnet Hills', 'Old Town', 'Mill Creek', 'Riverbend Estates', 'Oak Hollow', 'Pecan Grove', 'Sunset Terrace',
  'Prairie View', 'Live Oak Park', 'Heritage Place', 'Quail Run', 'Magnolia Gardens', 'Canyon Crest', 'Willow Bend', 'Hilltop Acres',
  'Depot District', 'College Heights', 'Meadowbrook', 'Lakeview', 'Cottonwood Flats', 'Mockingbird Lane', 'Stone Gate', 'Fox Run',
  'Deer Creek', 'Pine Crest', 'Salt Lick Rural', 'North County Ranches', 'South County Farms', 'Eagle Point', 'Harvest Hills', 'Redbud Trails',
  'Walnut Springs', 'Sycamore Square', 'Falcon Ridge', 'Bowie Park', 'Crockett Commons', 'Laurel Heights', 'Cypress Landing', 'Juniper Mesa',
] as const;

export const APPRAISER_NAMES = [
  'Alvarez, Diana', 'Brooks, Martin', 'Chen, Lillian', 'Dawson, Travis', 'Estrada, Ruben', 'Fischer, Karen',
  'Guerrero, Paul', 'Holt, Jenna', 'Iverson, Craig', 'Jaramillo, Nora', 'Keller, Owen', 'Lam, Vivian',
  'Mercer, Dale', 'Nakamura, Ellen',
] as const;

export const MINERAL_LEASES = ['EAGLE UNIT', 'BRAZOS FLATS', 'MESA VERDE', 'LONGHORN DRAW', 'COPPER BASIN', 'RED MESA'] as const;

export const VEHICLES = ['2018 FORD F150', '2020 CHEV SILVERADO', '2019 RAM 2500', '2021 TOYOTA TUNDRA', '2017 KENWORTH T680', '2022 FORD TRANSIT'] as const;
