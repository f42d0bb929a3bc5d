import Foundation

extension AllotConfig {
    /// The configuration used when no file is named and `config/allot.json` is not in the working
    /// directory (the binary run from elsewhere): the same settings and schema as the shipped
    /// `config/allot.json` (a test keeps the two equal). Its `targets` path is relative to the
    /// repository and is not read by any command.
    public static let builtInDefault: AllotConfig = {
        do {
            return try decode(Data(builtInDefaultJSON.utf8), path: "built-in default configuration")
        } catch {
            // Unreachable while the test that decodes the text passes; an empty schema would refuse every enrollment.
            return AllotConfig(
                database: "allot.db", server: ServerSettings(host: "127.0.0.1", port: 8080, rateLimit: nil),
                registry: RegistrySettings(defaultPageSize: 50, maximumPageSize: 500), targets: nil,
                schema: AttributeSchema(attributes: [], age: AgeRule(minimum: 18, bands: [])))
        }
    }()

    /// The text of the shipped `config/allot.json`, compiled in.
    static let builtInDefaultJSON = """
        {
          "database": "allot.db",
          "server": {
            "host": "127.0.0.1",
            "port": 8080,
            "rateLimit": 60
          },
          "registry": {
            "defaultPageSize": 50,
            "maximumPageSize": 500
          },
          "targets": "config/targets/shanghai-2020.json",
          "events": {
            "cooldownDays": 365,
            "minimumAge": 18,
            "lotterySize": 1000,
            "autoReplace": true,
            "feedbackDays": 14,
            "expirySweepSeconds": 60
          },
          "reports": {
            "smallCellThreshold": 5
          },
          "messages": {
            "channel": "file",
            "baseURL": "https://allot.example.cn",
            "language": "zh",
            "maxSegments": 2,
            "templates": {
              "invitation": {
                "zh": "【市民议事】您被随机抽中参加“{title}”，{date}，{place}。请确认是否参加：{link}",
                "en": "[Allot] You were drawn by lot for \\"{title}\\" on {date} at {place}. Please reply: {link}"
              },
              "reminder": {
                "zh": "【市民议事】提醒：“{title}”将于{date}在{place}举行，期待您的参与。详情：{link}",
                "en": "[Allot] Reminder: \\"{title}\\" is on {date} at {place}. Details: {link}"
              },
              "replacement": {
                "zh": "【市民议事】有席位空出，您作为候补受邀参加“{title}”，{date}，{place}。请确认：{link}",
                "en": "[Allot] A seat has opened: as a reserve you are invited to \\"{title}\\" on {date} at {place}. Please reply: {link}"
              },
              "feedback_request": {
                "zh": "【市民议事】感谢您参加“{title}”！请留下您的评价和建议：{link}",
                "en": "[Allot] Thank you for taking part in \\"{title}\\"! Please tell us what you thought: {link}"
              },
              "suggestion_reply": {
                "zh": "【市民议事】您在“{title}”提出的建议已有答复，请查看：{link}",
                "en": "[Allot] Your suggestion at \\"{title}\\" has a reply: {link}"
              }
            },
            "webhook": {
              "url": "http://127.0.0.1:9090/sms",
              "maxAttempts": 10,
              "initialBackoffSeconds": 30,
              "maxBackoffSeconds": 3600,
              "connectTimeoutSeconds": 5,
              "readTimeoutSeconds": 10
            }
          },
          "schema": {
            "attributes": [
              {
                "name": "gender",
                "labels": {
                  "zh": "性别",
                  "en": "Gender"
                },
                "values": [
                  {
                    "code": "female",
                    "labels": {
                      "zh": "女",
                      "en": "Female"
                    }
                  },
                  {
                    "code": "male",
                    "labels": {
                      "zh": "男",
                      "en": "Male"
                    }
                  }
                ]
              },
              {
                "name": "occupation",
                "labels": {
                  "zh": "职业",
                  "en": "Occupation"
                },
                "values": [
                  {
                    "code": "manager",
                    "labels": {
                      "zh": "单位负责人",
                      "en": "Manager or head of an organisation"
                    }
                  },
                  {
                    "code": "professional",
                    "labels": {
                      "zh": "专业技术人员",
                      "en": "Professional or technician"
                    }
                  },
                  {
                    "code": "clerical",
                    "labels": {
                      "zh": "办事人员和有关人员",
                      "en": "Clerical worker"
                    }
                  },
                  {
                    "code": "service",
                    "labels": {
                      "zh": "社会生产服务和生活服务人员",
                      "en": "Commerce or service worker"
                    }
                  },
                  {
                    "code": "production",
                    "labels": {
                      "zh": "生产制造及有关人员",
                      "en": "Production, transport or related worker"
                    }
                  },
                  {
                    "code": "agriculture",
                    "labels": {
                      "zh": "农、林、牧、渔业生产及辅助人员",
                      "en": "Farming, forestry or fishery worker"
                    }
                  },
                  {
                    "code": "retired",
                    "labels": {
                      "zh": "离退休人员",
                      "en": "Retired"
                    }
                  },
                  {
                    "code": "student",
                    "labels": {
                      "zh": "在校学生",
                      "en": "Student"
                    }
                  },
                  {
                    "code": "not_working",
                    "labels": {
                      "zh": "无业、待业或操持家务",
                      "en": "Not working (job seeker or homemaker)"
                    }
                  },
                  {
                    "code": "other",
                    "labels": {
                      "zh": "其他",
                      "en": "Other"
                    }
                  }
                ]
              },
              {
                "name": "income",
                "labels": {
                  "zh": "家庭人均收入（全市五等份）",
                  "en": "Household income per person (city fifths)"
                },
                "values": [
                  {
                    "code": "q1",
                    "labels": {
                      "zh": "低收入组（最低20%）",
                      "en": "Lowest fifth"
                    }
                  },
                  {
                    "code": "q2",
                    "labels": {
                      "zh": "中间偏下收入组",
                      "en": "Lower-middle fifth"
                    }
                  },
                  {
                    "code": "q3",
                    "labels": {
                      "zh": "中间收入组",
                      "en": "Middle fifth"
                    }
                  },
                  {
                    "code": "q4",
                    "labels": {
                      "zh": "中间偏上收入组",
                      "en": "Upper-middle fifth"
                    }
                  },
                  {
                    "code": "q5",
                    "labels": {
                      "zh": "高收入组（最高20%）",
                      "en": "Highest fifth"
                    }
                  }
                ]
              },
              {
                "name": "district",
                "labels": {
                  "zh": "居住区",
                  "en": "District of residence"
                },
                "values": [
                  {
                    "code": "huangpu",
                    "labels": {
                      "zh": "黄浦区",
                      "en": "Huangpu"
                    }
                  },
                  {
                    "code": "xuhui",
                    "labels": {
                      "zh": "徐汇区",
                      "en": "Xuhui"
                    }
                  },
                  {
                    "code": "changning",
                    "labels": {
                      "zh": "长宁区",
                      "en": "Changning"
                    }
                  },
                  {
                    "code": "jingan",
                    "labels": {
                      "zh": "静安区",
                      "en": "Jing'an"
                    }
                  },
                  {
                    "code": "putuo",
                    "labels": {
                      "zh": "普陀区",
                      "en": "Putuo"
                    }
                  },
                  {
                    "code": "hongkou",
                    "labels": {
                      "zh": "虹口区",
                      "en": "Hongkou"
                    }
                  },
                  {
                    "code": "yangpu",
                    "labels": {
                      "zh": "杨浦区",
                      "en": "Yangpu"
                    }
                  },
                  {
                    "code": "minhang",
                    "labels": {
                      "zh": "闵行区",
                      "en": "Minhang"
                    }
                  },
                  {
                    "code": "baoshan",
                    "labels": {
                      "zh": "宝山区",
                      "en": "Baoshan"
                    }
                  },
                  {
                    "code": "jiading",
                    "labels": {
                      "zh": "嘉定区",
                      "en": "Jiading"
                    }
                  },
                  {
                    "code": "pudong",
                    "labels": {
                      "zh": "浦东新区",
                      "en": "Pudong New Area"
                    }
                  },
                  {
                    "code": "jinshan",
                    "labels": {
                      "zh": "金山区",
                      "en": "Jinshan"
                    }
                  },
                  {
                    "code": "songjiang",
                    "labels": {
                      "zh": "松江区",
                      "en": "Songjiang"
                    }
                  },
                  {
                    "code": "qingpu",
                    "labels": {
                      "zh": "青浦区",
                      "en": "Qingpu"
                    }
                  },
                  {
                    "code": "fengxian",
                    "labels": {
                      "zh": "奉贤区",
                      "en": "Fengxian"
                    }
                  },
                  {
                    "code": "chongming",
                    "labels": {
                      "zh": "崇明区",
                      "en": "Chongming"
                    }
                  }
                ]
              },
              {
                "name": "education",
                "labels": {
                  "zh": "文化程度",
                  "en": "Education"
                },
                "values": [
                  {
                    "code": "primary_or_less",
                    "labels": {
                      "zh": "小学及以下",
                      "en": "Primary school or less"
                    }
                  },
                  {
                    "code": "junior_secondary",
                    "labels": {
                      "zh": "初中",
                      "en": "Junior secondary school"
                    }
                  },
                  {
                    "code": "senior_secondary",
                    "labels": {
                      "zh": "高中（含中专）",
                      "en": "Senior secondary (incl. vocational)"
                    }
                  },
                  {
                    "code": "tertiary",
                    "labels": {
                      "zh": "大专及以上",
                      "en": "College or university"
                    }
                  }
                ]
              }
            ],
            "age": {
              "minimum": 18,
              "bands": [
                {
                  "code": "18-29",
                  "min": 18,
                  "max": 29
                },
                {
                  "code": "30-39",
                  "min": 30,
                  "max": 39
                },
                {
                  "code": "40-49",
                  "min": 40,
                  "max": 49
                },
                {
                  "code": "50-59",
                  "min": 50,
                  "max": 59
                },
                {
                  "code": "60-69",
                  "min": 60,
                  "max": 69
                },
                {
                  "code": "70+",
                  "min": 70
                }
              ]
            }
          }
        }
        """
}
