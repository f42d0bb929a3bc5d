/// The shipped census targets, compiled in: when `allot` runs outside the repository with the built-in
/// configuration, its `targets` path (`config/targets/shanghai-2020.json`) does not resolve, and events
/// still get their seats from these figures (the event's quotas then name `built-in:` before the path).
/// A test keeps this text equal to the file; `scripts/sync-default-config` regenerates it.
extension TargetsFile {
    /// The configured path the built-in text stands in for.
    static let builtInPath = "config/targets/shanghai-2020.json"
    /// What the `path` of targets read from the compiled-in copy starts with.
    static let builtInPrefix = "built-in: "

    static let builtInJSON = """
        {
          "title": "Shanghai resident population, 2020 census (第七次全国人口普查), shares per attribute value",
          "about": "Population shares used to set quotas. Every figure names its source and status. Where no official figure exists the entry says so and gives no invented number. Shares are of the whole resident population (all ages) unless stated: the census bulletin gives no adult-only (18+) split, so adult shares may differ (see each note).",
          "population": {
            "persons": 24870895,
            "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
          },
          "attributes": {
            "age": {
              "note": "Shares of the adult (18+) population, known only within bounds: the census gives five-year groups (15-19, 20-24, …), so each band's share of the 18+ population lies between its share of the 15+ population (all of 15-19 counted as adults) and of the 20+ population. Seats run from floor(seats × lower) to ceil(seats × upper). The confirmed 15-59 / 60+ split is kept in 'groups'.",
              "values": {
                "18-29": {
                  "share": 0.1712,
                  "shareUpper": 0.1975,
                  "status": "bounds (share of the 18+ population: between the 15+ and the 20+ bases; no 18-19 count exists)",
                  "source": "NBS 中国人口普查年鉴-2020 (China Population Census Yearbook 2020), table 1-5 各地区分年龄、性别的人口, row 上海 (https://www.stats.gov.cn/sj/pcsj/rkpc/7rp/zk/indexch.htm), via shared/data/population/shanghai_age_2020_adult_bands.csv"
                },
                "30-39": {
                  "share": 0.2245,
                  "shareUpper": 0.2319,
                  "status": "bounds (share of the 18+ population: between the 15+ and the 20+ bases; no 18-19 count exists)",
                  "source": "NBS 中国人口普查年鉴-2020 (China Population Census Yearbook 2020), table 1-5 各地区分年龄、性别的人口, row 上海 (https://www.stats.gov.cn/sj/pcsj/rkpc/7rp/zk/indexch.htm), via shared/data/population/shanghai_age_2020_adult_bands.csv"
                },
                "40-49": {
                  "share": 0.162,
                  "shareUpper": 0.1673,
                  "status": "bounds (share of the 18+ population: between the 15+ and the 20+ bases; no 18-19 count exists)",
                  "source": "NBS 中国人口普查年鉴-2020 (China Population Census Yearbook 2020), table 1-5 各地区分年龄、性别的人口, row 上海 (https://www.stats.gov.cn/sj/pcsj/rkpc/7rp/zk/indexch.htm), via shared/data/population/shanghai_age_2020_adult_bands.csv"
                },
                "50-59": {
                  "share": 0.1568,
                  "shareUpper": 0.1619,
                  "status": "bounds (share of the 18+ population: between the 15+ and the 20+ bases; no 18-19 count exists)",
                  "source": "NBS 中国人口普查年鉴-2020 (China Population Census Yearbook 2020), table 1-5 各地区分年龄、性别的人口, row 上海 (https://www.stats.gov.cn/sj/pcsj/rkpc/7rp/zk/indexch.htm), via shared/data/population/shanghai_age_2020_adult_bands.csv"
                },
                "60-69": {
                  "share": 0.1522,
                  "shareUpper": 0.1572,
                  "status": "bounds (share of the 18+ population: between the 15+ and the 20+ bases; no 18-19 count exists)",
                  "source": "NBS 中国人口普查年鉴-2020 (China Population Census Yearbook 2020), table 1-5 各地区分年龄、性别的人口, row 上海 (https://www.stats.gov.cn/sj/pcsj/rkpc/7rp/zk/indexch.htm), via shared/data/population/shanghai_age_2020_adult_bands.csv"
                },
                "70+": {
                  "share": 0.107,
                  "shareUpper": 0.1105,
                  "status": "bounds (share of the 18+ population: between the 15+ and the 20+ bases; no 18-19 count exists)",
                  "source": "NBS 中国人口普查年鉴-2020 (China Population Census Yearbook 2020), table 1-5 各地区分年龄、性别的人口, row 上海 (https://www.stats.gov.cn/sj/pcsj/rkpc/7rp/zk/indexch.htm), via shared/data/population/shanghai_age_2020_adult_bands.csv"
                }
              },
              "groups": [
                {
                  "values": [
                    "18-29",
                    "30-39",
                    "40-49",
                    "50-59"
                  ],
                  "census_group": "15-59",
                  "share": 0.7408,
                  "status": "confirmed (share of the 15+ population; 16,619,137 persons)",
                  "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
                },
                {
                  "values": [
                    "60-69",
                    "70+"
                  ],
                  "census_group": "60+",
                  "share": 0.2592,
                  "status": "confirmed (share of the 15+ population; 5,815,462 persons, of whom 65+: 4,049,012 = 18.05%)",
                  "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
                }
              ]
            },
            "gender": {
              "note": "All ages. The adult split is not confirmed; older cohorts are more female, so the adult female share is likely somewhat above 48.23%.",
              "values": {
                "female": {
                  "share": 0.4823,
                  "persons": 11995684,
                  "status": "confirmed (all ages)",
                  "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
                },
                "male": {
                  "share": 0.5177,
                  "persons": 12875211,
                  "status": "confirmed (all ages; sex ratio 107.33)",
                  "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
                }
              }
            },
            "education": {
              "note": "Highest level completed, all ages (children included, which inflates the lower levels relative to adults). primary_or_less = 小学 plus the residual (never schooled, preschool children, not listed). For reference: 46.4% of residents aged 16-59 have 大专及以上 (人民网上海 2021-05-18, http://sh.people.com.cn/n2/2021/0518/c134768-34731826.html).",
              "values": {
                "tertiary": {
                  "share": 0.3387,
                  "persons": 8424214,
                  "status": "confirmed (all ages)",
                  "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
                },
                "senior_secondary": {
                  "share": 0.1902,
                  "persons": 4730359,
                  "status": "confirmed (all ages)",
                  "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
                },
                "junior_secondary": {
                  "share": 0.2894,
                  "persons": 7196422,
                  "status": "confirmed (all ages)",
                  "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
                },
                "primary_or_less": {
                  "share": 0.1817,
                  "persons": 4519900,
                  "status": "derived: 小学 2,966,844 (11.93%) + residual 1,553,056 (6.24%, total minus listed levels, includes young children)",
                  "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
                }
              }
            },
            "district": {
              "note": "Resident population by district, all ages.",
              "values": {
                "pudong": {
                  "share": 0.2284,
                  "persons": 5681512,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "minhang": {
                  "share": 0.1067,
                  "persons": 2653489,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "baoshan": {
                  "share": 0.0899,
                  "persons": 2235218,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "songjiang": {
                  "share": 0.0768,
                  "persons": 1909713,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "jiading": {
                  "share": 0.0738,
                  "persons": 1834258,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "qingpu": {
                  "share": 0.0511,
                  "persons": 1271424,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "yangpu": {
                  "share": 0.05,
                  "persons": 1242548,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "putuo": {
                  "share": 0.0498,
                  "persons": 1239800,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "fengxian": {
                  "share": 0.0459,
                  "persons": 1140872,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "xuhui": {
                  "share": 0.0448,
                  "persons": 1113078,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "jingan": {
                  "share": 0.0392,
                  "persons": 975707,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "jinshan": {
                  "share": 0.0331,
                  "persons": 822776,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "hongkou": {
                  "share": 0.0305,
                  "persons": 757498,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "changning": {
                  "share": 0.0279,
                  "persons": 693051,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "huangpu": {
                  "share": 0.0266,
                  "persons": 662030,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                },
                "chongming": {
                  "share": 0.0256,
                  "persons": 637921,
                  "status": "derived: district count / city total 24,870,895; district counts from a public script citing the 2020 census whose sums reproduce the bulletin's subtotals exactly (中心城区 6,683,712 / 浦东 5,681,512 / 郊区 12,505,671); cross-check against each district's 七普公报"
                }
              },
              "subtotals": {
                "中心城区": 6683712,
                "浦东新区": 5681512,
                "郊区": 12505671,
                "source": "上海市统计局《上海市第七次全国人口普查主要数据公报》2021-05-18, https://shanghai.gov.cn/nw12344/20210518/001a0cef127c499eb381fa8dc3208e95.html (full figures mirrored at http://www.kaqiz.cn/ShuJuXiangGuan/2418746.html)"
              }
            },
            "income": {
              "note": "No official Shanghai income distribution by band was found (上海 quintile cut points: NOT FOUND; they are in 上海统计年鉴, 人民生活 chapter). The bands are defined as the city's income fifths (households ranked by per-capita disposable income), so each holds 20% by construction, not by measurement. Volunteers place themselves in a fifth; national fifth means for orientation (2023, yuan per capita per year): 低收入组 (bottom 20%) 9215, 中间偏下收入组 20442, 中间收入组 32195, 中间偏上收入组 50220, 高收入组 (top 20%) 95055 (国家统计局 统计公报 via 澎湃新闻 2024-02-29, https://www.thepaper.cn/newsDetail_forward_26506891). Shanghai's mean per-capita disposable income 2023 ≈ 85,000 yuan (上海市政府工作报告 2024-01-23).",
              "values": {
                "q1": {
                  "share": 0.2,
                  "status": "true by construction: each fifth is 20% of residents",
                  "source": "definition of income fifths (五等份), 国家统计局"
                },
                "q2": {
                  "share": 0.2,
                  "status": "true by construction: each fifth is 20% of residents",
                  "source": "definition of income fifths (五等份), 国家统计局"
                },
                "q3": {
                  "share": 0.2,
                  "status": "true by construction: each fifth is 20% of residents",
                  "source": "definition of income fifths (五等份), 国家统计局"
                },
                "q4": {
                  "share": 0.2,
                  "status": "true by construction: each fifth is 20% of residents",
                  "source": "definition of income fifths (五等份), 国家统计局"
                },
                "q5": {
                  "share": 0.2,
                  "status": "true by construction: each fifth is 20% of residents",
                  "source": "definition of income fifths (五等份), 国家统计局"
                }
              }
            },
            "occupation": {
              "note": "NO current official figure: the 2020 census occupation table for Shanghai (long form, GB/T 6565-2015 major groups) was not available, and no source gives the shares of retired people, students and the non-working among adults in Shanghai. The shares below are an EQUAL-SHARE PLACEHOLDER, NOT a census figure: replace them with 上海市人口普查年鉴-2020 figures before using occupation quotas in earnest. For reference only, the OUTDATED 2005 1% sample (urban part, employed persons only, old GB 1999 classification) is given under reference_2005.",
              "placeholder": true,
              "values": {
                "manager": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                },
                "professional": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                },
                "clerical": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                },
                "service": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                },
                "production": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                },
                "agriculture": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                },
                "retired": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                },
                "student": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                },
                "not_working": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                },
                "other": {
                  "share": 0.1,
                  "status": "PLACEHOLDER: equal share (1/10), not a census figure"
                }
              },
              "reference_2005": {
                "status": "confirmed but OUTDATED (2005, old classification, 城市 part only, unweighted sample counts); shares of employed persons, not of adults",
                "source": "《2005年全国1%人口抽样调查资料》表5-3a 各地区按性别、职业大类分的就业人口(城市) https://files.zkey.cc/cpdrc/2005年全国1%人口抽样调查资料/html/0503a.htm",
                "shares_of_employed": {
                  "manager": 0.0581,
                  "professional": 0.1634,
                  "clerical": 0.1477,
                  "service": 0.2969,
                  "agriculture": 0.0135,
                  "production": 0.3176,
                  "other": 0.0028
                }
              }
            }
          }
        }
        """
}
