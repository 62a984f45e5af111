Function SAR_ADJUSTED_CLOSES(dates, closes, splits)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_ADJUSTED_CLOSES = XLPy.CallUDF("stockrights.excel.udfs", "SAR_ADJUSTED_CLOSES", Array(dates, closes, splits), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_ADJUSTED_CLOSES = XLPy.CallUDF("stockrights.excel.udfs", "SAR_ADJUSTED_CLOSES", Array(dates, closes, splits))
        Exit Function
    #End If
failed:
    SAR_ADJUSTED_CLOSES = Err.Description
End Function

Function SAR_ADJUSTMENT_STEPS(base_shares, actions, as_of, allotment_date, Optional known_on, Optional language)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_ADJUSTMENT_STEPS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_ADJUSTMENT_STEPS", Array(base_shares, actions, as_of, allotment_date, known_on, language), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_ADJUSTMENT_STEPS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_ADJUSTMENT_STEPS", Array(base_shares, actions, as_of, allotment_date, known_on, language))
        Exit Function
    #End If
failed:
    SAR_ADJUSTMENT_STEPS = Err.Description
End Function

Function SAR_BS_PRICE(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_BS_PRICE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_BS_PRICE", Array(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_BS_PRICE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_BS_PRICE", Array(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield))
        Exit Function
    #End If
failed:
    SAR_BS_PRICE = Err.Description
End Function

Function SAR_CAN_EXERCISE(exercise_date, exercise_period_start, exercise_period_end, Optional position_lost_on, Optional died_on, Optional inherited_on, Optional heir_died_on, Optional last_day_rule, Optional holidays, Optional language)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_CAN_EXERCISE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_CAN_EXERCISE", Array(exercise_date, exercise_period_start, exercise_period_end, position_lost_on, died_on, inherited_on, heir_died_on, last_day_rule, holidays, language), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_CAN_EXERCISE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_CAN_EXERCISE", Array(exercise_date, exercise_period_start, exercise_period_end, position_lost_on, died_on, inherited_on, heir_died_on, last_day_rule, holidays, language))
        Exit Function
    #End If
failed:
    SAR_CAN_EXERCISE = Err.Description
End Function

Function SAR_CAPITAL_RESERVE(rights, shares_per_right, book_value_per_right, Optional exercise_price)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_CAPITAL_RESERVE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_CAPITAL_RESERVE", Array(rights, shares_per_right, book_value_per_right, exercise_price), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_CAPITAL_RESERVE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_CAPITAL_RESERVE", Array(rights, shares_per_right, book_value_per_right, exercise_price))
        Exit Function
    #End If
failed:
    SAR_CAPITAL_RESERVE = Err.Description
End Function

Function SAR_CAPITAL_SPLIT(upper_limit)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_CAPITAL_SPLIT = XLPy.CallUDF("stockrights.excel.udfs", "SAR_CAPITAL_SPLIT", Array(upper_limit), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_CAPITAL_SPLIT = XLPy.CallUDF("stockrights.excel.udfs", "SAR_CAPITAL_SPLIT", Array(upper_limit))
        Exit Function
    #End If
failed:
    SAR_CAPITAL_SPLIT = Err.Description
End Function

Function SAR_CAPITAL_STOCK(rights, shares_per_right, book_value_per_right, Optional exercise_price)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_CAPITAL_STOCK = XLPy.CallUDF("stockrights.excel.udfs", "SAR_CAPITAL_STOCK", Array(rights, shares_per_right, book_value_per_right, exercise_price), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_CAPITAL_STOCK = XLPy.CallUDF("stockrights.excel.udfs", "SAR_CAPITAL_STOCK", Array(rights, shares_per_right, book_value_per_right, exercise_price))
        Exit Function
    #End If
failed:
    SAR_CAPITAL_STOCK = Err.Description
End Function

Function SAR_DIVIDEND_YIELD(dividend_per_share, share_price)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_DIVIDEND_YIELD = XLPy.CallUDF("stockrights.excel.udfs", "SAR_DIVIDEND_YIELD", Array(dividend_per_share, share_price), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_DIVIDEND_YIELD = XLPy.CallUDF("stockrights.excel.udfs", "SAR_DIVIDEND_YIELD", Array(dividend_per_share, share_price))
        Exit Function
    #End If
failed:
    SAR_DIVIDEND_YIELD = Err.Description
End Function

Function SAR_EXERCISE(rights, shares_per_right, book_value_per_right, Optional exercise_price)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_EXERCISE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EXERCISE", Array(rights, shares_per_right, book_value_per_right, exercise_price), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_EXERCISE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EXERCISE", Array(rights, shares_per_right, book_value_per_right, exercise_price))
        Exit Function
    #End If
failed:
    SAR_EXERCISE = Err.Description
End Function

Function SAR_EXERCISE_AMOUNT(exercise_price, shares_per_right)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_EXERCISE_AMOUNT = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EXERCISE_AMOUNT", Array(exercise_price, shares_per_right), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_EXERCISE_AMOUNT = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EXERCISE_AMOUNT", Array(exercise_price, shares_per_right))
        Exit Function
    #End If
failed:
    SAR_EXERCISE_AMOUNT = Err.Description
End Function

Function SAR_EXERCISE_WINDOW(exercise_period_start, exercise_period_end, Optional position_lost_on, Optional died_on, Optional inherited_on, Optional heir_died_on, Optional last_day_rule, Optional holidays, Optional language)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_EXERCISE_WINDOW = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EXERCISE_WINDOW", Array(exercise_period_start, exercise_period_end, position_lost_on, died_on, inherited_on, heir_died_on, last_day_rule, holidays, language), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_EXERCISE_WINDOW = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EXERCISE_WINDOW", Array(exercise_period_start, exercise_period_end, position_lost_on, died_on, inherited_on, heir_died_on, last_day_rule, holidays, language))
        Exit Function
    #End If
failed:
    SAR_EXERCISE_WINDOW = Err.Description
End Function

Function SAR_EXPLAIN(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield, shares_per_right, Optional rounding, Optional detail, Optional valuation_date, Optional window_start, Optional dates, Optional closes, Optional splits, Optional base_prices, Optional tenors_years, Optional yields, Optional dividend_per_share, Optional dividend_record_date, Optional frequency, Optional share_price_source, Optional volatility_source, Optional risk_free_rate_source, Optional dividend_yield_source, Optional language)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_EXPLAIN = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EXPLAIN", Array(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield, shares_per_right, rounding, detail, valuation_date, window_start, dates, closes, splits, base_prices, tenors_years, yields, dividend_per_share, dividend_record_date, frequency, share_price_source, volatility_source, risk_free_rate_source, dividend_yield_source, language), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_EXPLAIN = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EXPLAIN", Array(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield, shares_per_right, rounding, detail, valuation_date, window_start, dates, closes, splits, base_prices, tenors_years, yields, dividend_per_share, dividend_record_date, frequency, share_price_source, volatility_source, risk_free_rate_source, dividend_yield_source, language))
        Exit Function
    #End If
failed:
    SAR_EXPLAIN = Err.Description
End Function

Function SAR_EX_RIGHTS_DATES(actions, Optional language)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_EX_RIGHTS_DATES = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EX_RIGHTS_DATES", Array(actions, language), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_EX_RIGHTS_DATES = XLPy.CallUDF("stockrights.excel.udfs", "SAR_EX_RIGHTS_DATES", Array(actions, language))
        Exit Function
    #End If
failed:
    SAR_EX_RIGHTS_DATES = Err.Description
End Function

Function SAR_GREEKS(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_GREEKS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_GREEKS", Array(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_GREEKS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_GREEKS", Array(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield))
        Exit Function
    #End If
failed:
    SAR_GREEKS = Err.Description
End Function

Function SAR_HIST_VOL(dates, closes, window_start, window_end, Optional frequency, Optional splits, Optional missing, Optional periods_per_year, Optional trading_days, Optional detect_splits)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_HIST_VOL = XLPy.CallUDF("stockrights.excel.udfs", "SAR_HIST_VOL", Array(dates, closes, window_start, window_end, frequency, splits, missing, periods_per_year, trading_days, detect_splits), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_HIST_VOL = XLPy.CallUDF("stockrights.excel.udfs", "SAR_HIST_VOL", Array(dates, closes, window_start, window_end, frequency, splits, missing, periods_per_year, trading_days, detect_splits))
        Exit Function
    #End If
failed:
    SAR_HIST_VOL = Err.Description
End Function

Function SAR_IMPLIED_VOL(option_price, share_price, exercise_price, term_years, risk_free_rate, dividend_yield, Optional price_tick, Optional volatility_tolerance)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_IMPLIED_VOL = XLPy.CallUDF("stockrights.excel.udfs", "SAR_IMPLIED_VOL", Array(option_price, share_price, exercise_price, term_years, risk_free_rate, dividend_yield, price_tick, volatility_tolerance), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_IMPLIED_VOL = XLPy.CallUDF("stockrights.excel.udfs", "SAR_IMPLIED_VOL", Array(option_price, share_price, exercise_price, term_years, risk_free_rate, dividend_yield, price_tick, volatility_tolerance))
        Exit Function
    #End If
failed:
    SAR_IMPLIED_VOL = Err.Description
End Function

Function SAR_JGB_RATE(tenors_years, yields, term_years, Optional compounding, Optional extrapolate)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_JGB_RATE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_JGB_RATE", Array(tenors_years, yields, term_years, compounding, extrapolate), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_JGB_RATE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_JGB_RATE", Array(tenors_years, yields, term_years, compounding, extrapolate))
        Exit Function
    #End If
failed:
    SAR_JGB_RATE = Err.Description
End Function

Function SAR_MAX_RIGHTS(budget, per_right_amount)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_MAX_RIGHTS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_MAX_RIGHTS", Array(budget, per_right_amount), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_MAX_RIGHTS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_MAX_RIGHTS", Array(budget, per_right_amount))
        Exit Function
    #End If
failed:
    SAR_MAX_RIGHTS = Err.Description
End Function

Function SAR_MAY_ACQUIRE(kind, effective_date, approved_on, as_of, Optional language)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_MAY_ACQUIRE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_MAY_ACQUIRE", Array(kind, effective_date, approved_on, as_of, language), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_MAY_ACQUIRE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_MAY_ACQUIRE", Array(kind, effective_date, approved_on, as_of, language))
        Exit Function
    #End If
failed:
    SAR_MAY_ACQUIRE = Err.Description
End Function

Function SAR_RESTATED_DIVIDEND(dividend_per_share, record_date, splits, as_of)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_RESTATED_DIVIDEND = XLPy.CallUDF("stockrights.excel.udfs", "SAR_RESTATED_DIVIDEND", Array(dividend_per_share, record_date, splits, as_of), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_RESTATED_DIVIDEND = XLPy.CallUDF("stockrights.excel.udfs", "SAR_RESTATED_DIVIDEND", Array(dividend_per_share, record_date, splits, as_of))
        Exit Function
    #End If
failed:
    SAR_RESTATED_DIVIDEND = Err.Description
End Function

Function SAR_RESTRUCTURED(rights, shares_per_right, kind, effective_date, share_ratio, exercise_period_start, exercise_period_end, Optional exercise_price, Optional language)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_RESTRUCTURED = XLPy.CallUDF("stockrights.excel.udfs", "SAR_RESTRUCTURED", Array(rights, shares_per_right, kind, effective_date, share_ratio, exercise_period_start, exercise_period_end, exercise_price, language), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_RESTRUCTURED = XLPy.CallUDF("stockrights.excel.udfs", "SAR_RESTRUCTURED", Array(rights, shares_per_right, kind, effective_date, share_ratio, exercise_period_start, exercise_period_end, exercise_price, language))
        Exit Function
    #End If
failed:
    SAR_RESTRUCTURED = Err.Description
End Function

Function SAR_RIGHT_AMOUNT(option_price, shares_per_right, Optional rounding)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_RIGHT_AMOUNT = XLPy.CallUDF("stockrights.excel.udfs", "SAR_RIGHT_AMOUNT", Array(option_price, shares_per_right, rounding), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_RIGHT_AMOUNT = XLPy.CallUDF("stockrights.excel.udfs", "SAR_RIGHT_AMOUNT", Array(option_price, shares_per_right, rounding))
        Exit Function
    #End If
failed:
    SAR_RIGHT_AMOUNT = Err.Description
End Function

Function SAR_RIGHT_VALUE(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield, shares_per_right, Optional rounding)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_RIGHT_VALUE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_RIGHT_VALUE", Array(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield, shares_per_right, rounding), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_RIGHT_VALUE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_RIGHT_VALUE", Array(share_price, exercise_price, term_years, volatility, risk_free_rate, dividend_yield, shares_per_right, rounding))
        Exit Function
    #End If
failed:
    SAR_RIGHT_VALUE = Err.Description
End Function

Function SAR_SHARES_PER_RIGHT(base_shares, actions, as_of, allotment_date, Optional known_on)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_SHARES_PER_RIGHT = XLPy.CallUDF("stockrights.excel.udfs", "SAR_SHARES_PER_RIGHT", Array(base_shares, actions, as_of, allotment_date, known_on), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_SHARES_PER_RIGHT = XLPy.CallUDF("stockrights.excel.udfs", "SAR_SHARES_PER_RIGHT", Array(base_shares, actions, as_of, allotment_date, known_on))
        Exit Function
    #End If
failed:
    SAR_SHARES_PER_RIGHT = Err.Description
End Function

Function SAR_SHARE_PRICE(dates, closes, on_date, Optional base_prices, Optional trading_days, Optional detail)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_SHARE_PRICE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_SHARE_PRICE", Array(dates, closes, on_date, base_prices, trading_days, detail), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_SHARE_PRICE = XLPy.CallUDF("stockrights.excel.udfs", "SAR_SHARE_PRICE", Array(dates, closes, on_date, base_prices, trading_days, detail))
        Exit Function
    #End If
failed:
    SAR_SHARE_PRICE = Err.Description
End Function

Function SAR_TRADING_DAYS(start_date, end_date)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_TRADING_DAYS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_TRADING_DAYS", Array(start_date, end_date), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_TRADING_DAYS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_TRADING_DAYS", Array(start_date, end_date))
        Exit Function
    #End If
failed:
    SAR_TRADING_DAYS = Err.Description
End Function

Function SAR_VOL_OBSERVATIONS(dates, closes, window_start, window_end, Optional frequency, Optional splits, Optional missing, Optional periods_per_year, Optional trading_days, Optional detect_splits)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SAR_VOL_OBSERVATIONS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_VOL_OBSERVATIONS", Array(dates, closes, window_start, window_end, frequency, splits, missing, periods_per_year, trading_days, detect_splits), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        SAR_VOL_OBSERVATIONS = XLPy.CallUDF("stockrights.excel.udfs", "SAR_VOL_OBSERVATIONS", Array(dates, closes, window_start, window_end, frequency, splits, missing, periods_per_year, trading_days, detect_splits))
        Exit Function
    #End If
failed:
    SAR_VOL_OBSERVATIONS = Err.Description
End Function

