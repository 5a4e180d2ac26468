import { registerEnumType } from 'type-graphql';

/** The three levels of the region table (rules.md §11). Keys equal values so the schema emits these names. */
export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: '行政区划级别: the level of an administrative division (GB/T 2260; rules.md §11).',
  valuesConfig: {
    PROVINCE: {
      description:
        '省级: a province, autonomous region or municipality (省、自治区、直辖市), code xx0000.',
    },
    CITY: {
      description:
        '地级: a prefecture-level city, prefecture, autonomous prefecture or league (地级市、地区、自治州、盟), code xxyy00.',
    },
    COUNTY: {
      description:
        '县级: a district, county, county-level city or banner (市辖区、县、县级市、旗…), including one directly under its province (济源 419001).',
    },
  },
});
